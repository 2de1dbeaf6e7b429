import { describe, expect, it } from 'vitest';
import { validateTemplate } from './validate-template.js';

const source = (schedule: string) => `dsl: relief/v1
id: t
version: 1
title: T
events: { remind: {}, go: {} }
initial: a
states:
  a:
    entry:
      - ${schedule}
    on: { go: b }
  b: { type: final }
`;

const findings = (schedule: string) =>
  validateTemplate(source(schedule)).issues.map((i) => [i.code, i.pointer, i.line, i.col]);

describe('schedule action', () => {
  it('accepts a declared event and an ISO 8601 delay', () => {
    expect(findings('schedule: { event: remind, delay: P7D }')).toEqual([]);
  });

  it('refuses an undeclared event, located at the value', () => {
    expect(findings('schedule: { event: remindr, delay: P7D }')).toEqual([
      ['undeclared-event', '/states/a/entry/0/schedule/event', 10, 28],
    ]);
  });

  it('refuses a bad duration, located at the value', () => {
    expect(findings('schedule: { event: remind, delay: 7 days }')).toContainEqual([
      'invalid-duration',
      '/states/a/entry/0/schedule/delay',
      10,
      43,
    ]);
  });
});
