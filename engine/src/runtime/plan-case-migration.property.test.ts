/**
 * The migration property of issue 14: for random pairs of generated template versions, random
 * case snapshots and random admin choices, a case either moves to states that exist in the new
 * version, with data valid under the new schema and exactly the timers its new states arm (each
 * pending timer kept or cancelled, never lost or doubled), or is refused with a reason. The store
 * writes a plan whole or not at all (one transaction per batch), so there is no half-moved case.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { StateValue } from 'xstate';
import { loadTemplate } from '../compile/load-template.js';
import type { CompiledTemplate } from '../compile/compile-template.js';
import { timerEventType } from '../compile/state-ids.js';
import { activeStateIds } from './active-state-ids.js';
import { planCaseMigration } from './plan-case-migration.js';
import type { PendingTimer } from './plan-case-migration.js';
import { validateCaseData } from './validate-case-input.js';

const NOW = new Date('2026-03-01T08:00:00.000Z');
const TOP = ['a', 'b', 'c', 'd'] as const;
const FIELDS = ['f1', 'f2', 'f3'] as const;
const DELAYS = ['PT1H', 'P1D', 'PT30M'];

type FieldType = 'string' | 'integer';
const valueOf = (type: FieldType, n: number) => (type === 'string' ? `v${n}` : n);

/** A generated version: flat states, maybe a group `g` with `x`/`y`, timers, and data fields. */
const versionArb = fc.record({
  top: fc.subarray([...TOP], { minLength: 1 }),
  group: fc.boolean(),
  timers: fc.dictionary(
    fc.constantFrom('a', 'b', 'c', 'd', 'g', 'g.x', 'g.y'),
    fc.array(fc.constantFrom(...DELAYS), { maxLength: 2 }),
  ),
  fields: fc.dictionary(
    fc.constantFrom(...FIELDS),
    fc.record({
      type: fc.constantFrom<FieldType>('string', 'integer'),
      required: fc.boolean(),
      withDefault: fc.boolean(),
    }),
  ),
});
type Version = typeof versionArb extends fc.Arbitrary<infer V> ? V : never;

function sourceOf(v: Version, version: number): string {
  const ids = [...v.top, ...(v.group ? ['g.x', 'g.y'] : [])];
  const after = (id: string) => (v.timers[id] ?? []).map((delay) => ({ delay }));
  const leaf = (id: string, i: number) => ({
    on: { go: ids[(i + 1) % ids.length]! },
    ...(after(id).length && { after: after(id) }),
  });
  const states: Record<string, unknown> = Object.fromEntries(v.top.map((k, i) => [k, leaf(k, i)]));
  if (v.group)
    states.g = {
      initial: 'x',
      ...(after('g').length && { after: after('g') }),
      states: { x: leaf('g.x', v.top.length), y: leaf('g.y', v.top.length + 1) },
    };
  const properties = Object.fromEntries(
    Object.entries(v.fields).map(([k, f]) => [
      k,
      { type: f.type, ...(f.withDefault && { default: valueOf(f.type, 7) }) },
    ]),
  );
  const required = Object.entries(v.fields)
    .filter(([, f]) => f.required)
    .map(([k]) => k);
  return JSON.stringify({
    dsl: 'relief/v1',
    id: 'prop',
    version,
    title: 'P',
    roles: { r: 'R' },
    events: { go: { roles: ['r'] } },
    data: { type: 'object', ...(required.length && { required }), properties },
    initial: v.top[0],
    states,
  });
}

function compile(v: Version, version: number): CompiledTemplate {
  const loaded = loadTemplate(sourceOf(v, version));
  if ('issues' in loaded) throw new Error(JSON.stringify(loaded.issues.slice(0, 3)));
  return loaded.compiled;
}

const leafIds = (c: CompiledTemplate) =>
  [...c.states.values()].filter((s) => s.kind === 'atomic').map((s) => s.id);

const valueAt = (id: string): StateValue => {
  const [head, child] = id.split('.');
  return child ? { [head!]: child } : head!;
};

describe('planCaseMigration (property)', () => {
  it('moves a case whole into the new version, or refuses it with a reason', () => {
    fc.assert(
      fc.property(
        versionArb,
        versionArb,
        fc.nat(),
        fc.array(fc.boolean(), { minLength: 8, maxLength: 8 }),
        fc.dictionary(
          fc.constantFrom('a', 'b', 'c', 'd', 'g', 'g.x', 'g.y'),
          fc.constantFrom('a', 'b', 'c', 'd', 'g', 'g.x', 'g.y'),
        ),
        fc.dictionary(
          fc.constantFrom(...FIELDS),
          fc.oneof(fc.integer({ min: 0, max: 9 }), fc.constant('x')),
        ),
        (va, vb, pick, coins, rawMap, dataDefaults) => {
          const from = compile(va, 1);
          const to = compile(vb, 2);
          const leaves = leafIds(from);
          const state = leaves[pick % leaves.length]!;
          const value = valueAt(state);
          const data = Object.fromEntries(
            Object.entries(va.fields)
              .filter(([, f], i) => f.required || coins[i])
              .map(([k, f], i) => [k, valueOf(f.type, i)]),
          );
          // Pending timers as the old version armed them on entry; some already fired.
          let id = 0;
          const timers: PendingTimer[] = activeStateIds(value).flatMap((s) =>
            (from.states.get(s)?.def.after ?? []).flatMap((t, index) =>
              coins[(id + 3) % 8]
                ? [
                    {
                      id: ++id,
                      state: s,
                      index,
                      eventType: timerEventType(s, index),
                      dueAt: NOW,
                      armedAt: new Date(NOW.getTime() - 60_000),
                    },
                  ]
                : (id++, []),
            ),
          );
          const stateMap = Object.fromEntries(
            Object.entries(rawMap).filter(([, target]) => to.states.has(target)),
          );
          const plan = planCaseMigration(
            from,
            to,
            { id: 'case-1', value, data, timers },
            { stateMap, dataDefaults },
            NOW,
          );
          if (!plan.movable) {
            expect(['state-removed', 'data-invalid', 'state-invalid']).toContain(plan.reason.code);
            expect(plan.reason.message.zh.length).toBeGreaterThan(0);
            expect(plan.reason.message.en.length).toBeGreaterThan(0);
            return;
          }
          const active = activeStateIds(plan.value);
          for (const s of active) expect(to.states.has(s), s).toBe(true);
          expect(validateCaseData(to, plan.data)).toEqual(plan.data);
          // Exactly the timers the new active states declare, each once.
          const want = active.flatMap((s) =>
            (to.states.get(s)?.def.after ?? []).map((_, i) => `${s}#${i}`),
          );
          const have = [...plan.timers.kept, ...plan.timers.armed].map(
            (t) => `${t.state}#${t.index}`,
          );
          expect(have.sort()).toEqual(want.sort());
          // Every pending timer is kept or cancelled, never both, never dropped.
          const keptIds = new Set(
            plan.timers.kept.map(
              (k) => timers.find((t) => t.state === k.state && t.index === k.index)!.id,
            ),
          );
          const cancelledIds = plan.timers.cancelled.map((t) => t.id);
          expect(cancelledIds.every((c) => !keptIds.has(c))).toBe(true);
          expect([...keptIds, ...cancelledIds].sort()).toEqual(timers.map((t) => t.id).sort());
        },
      ),
      { numRuns: 200 },
    );
  });
});
