import { describe, expect, it } from 'vitest';
import { initialTransition, transition } from 'xstate';
import { validateTemplate } from '../template/validate-template.js';
import { compileTemplate } from './compile-template.js';
import type { CaseContext } from './case-machine-types.js';

function compile(source: string) {
  const { template, issues } = validateTemplate(source);
  if (!template) throw new Error(JSON.stringify(issues, null, 2));
  return compileTemplate(template);
}

const SOURCE = `dsl: relief/v1
id: visits
version: 1
title: { zh: 每日走访, en: Daily visits }
roles: { cadre: { zh: 干部, en: Cadre } }
parameters: { type: object, properties: { kits: { type: integer, default: 1 } } }
data:
  type: object
  properties:
    visits: { type: integer, default: 0 }
    a: { type: integer, default: 1 }
    b: { type: integer, default: 2 }
    note: { type: string }
ledgers: { kits: { title: Kits, opening: params.kits } }
events:
  visit: {}
  note: {}
  swap: {}
  give: {}
  check: {}
  split: {}
initial: watched
states:
  watched:
    on:
      visit: { target: watched, actions: [{ set: { visits: data.visits + 1 } }] }
      note: { actions: [{ emit: visit.noted }] }
      swap: { actions: [{ set: { a: data.b, b: data.a } }] }
      give: { actions: [{ ledger: { kits: -1 } }] }
      check: { guard: "data.note == 'x'", target: escalated }
      split: both
    after:
      - delay: P1D
        target: escalated
  escalated: { type: final }
  both:
    type: parallel
    states:
      left: { initial: l1, states: { l1: { on: { visit: l2 } }, l2: { type: final } } }
      right: { initial: r1, states: { r1: { on: { visit: r2 } }, r2: { type: final } } }
`;

const data = { visits: 0, a: 1, b: 2 };

describe('compileTemplate', () => {
  it('yields a machine usable with XState pure transition()', () => {
    const { machine } = compile(SOURCE);
    const input = {
      data,
      params: {},
      ledger: { kits: 1 },
      now: new Date(0).toISOString(),
      assignee: null,
    };
    const [first] = initialTransition(machine, input);
    expect(first.value).toBe('watched');
    const [next] = transition(machine, first, { type: 'visit' });
    expect((next.context as CaseContext).data.visits).toBe(1);
  });
});
