import { describe, expect, it } from 'vitest';
import type { Template } from '@relief/engine';
import { pendingTimers } from './case-timers.js';

const template = {
  dsl: 'relief/v1',
  id: 't',
  version: 1,
  title: 't',
  initial: 'applied',
  states: {
    applied: { after: [{ delay: 'P3D', target: 'applied' }], on: { review: 'enrolled' } },
    enrolled: {
      initial: 'atGate',
      states: { atGate: { after: [{ delay: 'PT30M' }] } },
    },
  },
} as unknown as Template;

const step = (type: string, from: string | null, to: string, at: string) => ({
  seq: 0,
  type,
  payload: {},
  actor: null,
  roles: null,
  from,
  to,
  at,
});

describe('pending timers', () => {
  it('counts from the last entry into the state, a re-entering timer included', () => {
    const timers = pendingTimers(template, 'applied', [
      step('(open)', null, 'applied', '2026-04-01T00:00:00Z'),
      step('after:applied:0', 'applied', 'applied', '2026-04-04T00:00:00Z'),
    ]);
    expect(timers).toEqual([
      { state: 'applied', delay: 'P3D', target: 'applied', due: '2026-04-07T00:00:00.000Z' },
    ]);
  });

  it('drops a timer without a target once it has fired', () => {
    const history = [
      step('(open)', null, 'applied', '2026-04-01T00:00:00Z'),
      step('review', 'applied', 'enrolled.atGate', '2026-04-01T08:00:00Z'),
    ];
    expect(pendingTimers(template, 'enrolled.atGate', history)[0]?.due).toBe(
      '2026-04-01T08:30:00.000Z',
    );
    history.push(
      step('after:enrolled.atGate:0', 'enrolled.atGate', 'enrolled.atGate', '2026-04-01T08:30:00Z'),
    );
    expect(pendingTimers(template, 'enrolled.atGate', history)).toEqual([]);
  });
});
