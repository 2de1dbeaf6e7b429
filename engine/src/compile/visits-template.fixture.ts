/**
 * A small template for the compiler's and the runtime's unit tests: a self-targeting state with a
 * one-day timer, data swaps, a ledger with a fixed and a payload amount, a guard, a parallel state.
 */
import { loadTemplate } from './load-template.js';
import type { CompiledTemplate } from './compile-template.js';

/** Load and compile `source`, or fail the test with its findings. */
export function compileForTest(source: string): CompiledTemplate {
  const loaded = loadTemplate(source);
  if ('issues' in loaded) throw new Error(JSON.stringify(loaded.issues, null, 2));
  return loaded.compiled;
}

/** The daily-visits template. */
export const VISITS_SOURCE = `dsl: relief/v1
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
  pay: { form: { type: object, properties: { amount: { type: number } } } }
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
      pay: { actions: [{ ledger: { kits: event.amount } }] }
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
