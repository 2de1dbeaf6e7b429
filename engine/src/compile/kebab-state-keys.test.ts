import { describe, expect, it } from 'vitest';
import { validateTemplate } from '../template/validate-template.js';
import { compileTemplate } from './compile-template.js';
import { startCase, stepCase } from '../runtime/step-case.js';

// State keys may be kebab-case like ids, events and ledgers; the compiled XState ids, dotted
// targets, timers and `describeValue` must all keep working with hyphens in them.
const SOURCE = `dsl: relief/v1
id: fever-medicine
version: 1
title: { zh: 退烧药, en: Fever medicine }
ledgers: { tablets: { title: Tablets, opening: 20 } }
events:
  give: {}
  restock: {}
initial: in-stock
states:
  in-stock:
    initial: waiting-for-people
    states:
      waiting-for-people:
        on:
          give:
            - guard: ledger.tablets >= 20
              target: waiting-for-people
              actions: [{ ledger: { tablets: -20 } }]
            - target: out-of-stock
        after: [{ delay: P1D, target: out-of-stock.closed-for-today }]
  out-of-stock:
    initial: closed-for-today
    states:
      closed-for-today: { on: { restock: '#in-stock' } }
`;

describe('kebab-case state keys', () => {
  it('validate, compile and run: dotted targets, timers and nested keys with hyphens', () => {
    const bad = validateTemplate(SOURCE);
    expect(bad.issues.map((i) => i.code)).toEqual(['schema-value']);
    const { template, issues } = validateTemplate(SOURCE.replace("'#in-stock'", 'in-stock'));
    expect(issues).toEqual([]);
    const compiled = compileTemplate(template!);
    const env = { params: {}, ledger: { tablets: 20 }, now: new Date('2026-01-01T08:00:00Z') };
    const started = startCase(compiled, {}, env);
    expect(started.value).toEqual({ 'in-stock': 'waiting-for-people' });
    expect(started.armTimers.map((t) => t.eventType)).toEqual([
      'after:in-stock.waiting-for-people:0',
    ]);
    const given = stepCase(compiled, started, { type: 'give' }, env);
    expect(given.ledgerDeltas).toEqual({ tablets: -20 });
    const empty = stepCase(compiled, given, { type: 'give' }, { ...env, ledger: { tablets: 0 } });
    expect(empty.value).toEqual({ 'out-of-stock': 'closed-for-today' });
    const timed = stepCase(compiled, started, { type: started.armTimers[0]!.eventType }, env);
    expect(timed.value).toEqual({ 'out-of-stock': 'closed-for-today' });
    const back = stepCase(compiled, empty, { type: 'restock' }, env);
    expect(back.value).toEqual({ 'in-stock': 'waiting-for-people' });
  });
});
