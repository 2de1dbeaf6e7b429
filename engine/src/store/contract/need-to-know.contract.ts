/**
 * Need-to-know, as a property on PGlite and PostgreSQL: for random templates with random
 * sensitivity marks and visible-to lists, random case data and a random event payload, no read
 * path of the store (case detail, list, worklist and its card, history, the answer to an event)
 * returns a field the reader's roles may not see. The oracle below reads the random spec directly,
 * not the engine's marks.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Reader } from '../../template/privacy-marks.js';
import type { DatabaseKind } from '../sql/sql-client.js';
import { ADMIN, useStoreHarness } from './store-contract-kit.js';

const ROLES = ['r0', 'r1', 'r2', 'r3'];
const FIELDS = ['f0', 'f1', 'f2', 'f3', 'f4', 'f5'];
const SENSITIVITY = fc.option(fc.constantFrom('personal', 'sensitive', 'minor'), {
  nil: undefined,
});
const ROLE_LIST = fc.option(fc.subarray([...ROLES, 'auditor', 'integrator']), { nil: undefined });

/** One field's marks as the random template writes them. */
const fieldSpec = fc.record({ sensitivity: SENSITIVITY, visibleTo: ROLE_LIST });
const spec = fc.record({
  fields: fc.subarray(FIELDS, { minLength: 1 }),
  marks: fc.dictionary(fc.constantFrom(...FIELDS), fieldSpec),
  defaultVisibleTo: ROLE_LIST,
  /** Form fields: some named like data fields (inheriting their marks), some of their own. */
  form: fc.dictionary(fc.constantFrom('f0', 'f1', 'g0', 'g1'), fieldSpec),
  values: fc.dictionary(fc.constantFrom(...FIELDS), fc.stringMatching(/^[a-z0-9 ]{0,8}$/)),
  reader: fc.record({
    roles: fc.subarray([...ROLES, 'auditor', 'integrator']),
    all: fc.boolean(),
  }),
});
type Spec = typeof spec extends fc.Arbitrary<infer T> ? T : never;
type FieldSpec = Spec['marks'][string];

function fieldSchema(mark: FieldSpec | undefined) {
  return {
    type: 'string',
    ...(mark?.sensitivity && { 'x-relief-sensitivity': mark.sensitivity }),
    ...(mark?.sensitivity && mark.visibleTo && { 'x-relief-visible-to': mark.visibleTo }),
  };
}

/** The random template, as JSON (which is YAML). */
function templateSource(id: string, s: Spec): string {
  return JSON.stringify({
    dsl: 'relief/v1',
    id,
    version: 1,
    title: 'need to know',
    roles: Object.fromEntries(ROLES.map((r) => [r, r])),
    data: {
      type: 'object',
      ...(s.defaultVisibleTo && { 'x-relief-visible-to': s.defaultVisibleTo }),
      properties: Object.fromEntries(s.fields.map((f) => [f, fieldSchema(s.marks[f])])),
    },
    events: {
      note: {
        roles: ROLES,
        form: {
          type: 'object',
          properties: Object.fromEntries(
            Object.entries(s.form)
              .filter(([f]) => f.startsWith('g') || s.fields.includes(f))
              .map(([f, m]) => [f, fieldSchema(m)]),
          ),
        },
      },
    },
    initial: 'open',
    states: { open: { on: { note: 'open' } } },
  });
}

/** May the reader see a field with this spec (the oracle, from the spec alone)? */
function oracle(s: Spec, mark: FieldSpec | undefined, reader: Reader): boolean {
  if (!mark?.sensitivity || reader.all) return true;
  const list = mark.visibleTo ?? s.defaultVisibleTo ?? ROLES;
  return reader.roles.some((r) => list.includes(r));
}
const dataMay = (s: Spec, reader: Reader) => (f: string) => oracle(s, s.marks[f], reader);
function payloadMay(s: Spec, reader: Reader) {
  return (f: string) => {
    const own = s.form[f];
    return oracle(s, own?.sensitivity ? own : f.startsWith('f') ? s.marks[f] : undefined, reader);
  };
}

function expectOnly(
  record: Record<string, unknown>,
  full: Record<string, unknown>,
  may: (f: string) => boolean,
  where: string,
) {
  expect(record, where).toEqual(Object.fromEntries(Object.entries(full).filter(([f]) => may(f))));
}

/** Register the property for one kind of database. */
export function needToKnowContract(kind: DatabaseKind): void {
  describe(`need-to-know on ${kind}`, () => {
    const h = useStoreHarness(kind);
    let n = 0;
    it('no read path returns a field the reader may not see', async () => {
      await fc.assert(
        fc.asyncProperty(spec, async (s) => {
          const id = `ntk-${kind}-${++n}`;
          const saved = await h.store.saveTemplate(templateSource(id, s), ADMIN);
          await h.store.publishTemplate(id, saved.record.version, ADMIN);
          const district = `ntk/${kind}/${n}`;
          const p = await h.store.startProgramme({ template: id, district, params: {} }, ADMIN);
          const data = Object.fromEntries(s.fields.map((f) => [f, s.values[f] ?? `value-${f}`]));
          const c = await h.store.openCase(p.id, { data }, ADMIN);
          const formFields = Object.keys(s.form).filter(
            (f) => f.startsWith('g') || s.fields.includes(f),
          );
          const payload = Object.fromEntries(formFields.map((f) => [f, `said-${f}`]));
          await h.store.applyEvent(
            c.id,
            { type: 'note', payload },
            { actorId: 'w', roles: ['r0'] },
          );
          const reader: Reader = s.reader;
          const may = dataMay(s, reader);

          const detail = await h.store.caseDetail(c.id, { roles: reader.roles, viewer: reader });
          expectOnly(detail.case.data, data, may, 'case');
          const list = await h.store.listCases(p.id, { viewer: reader });
          expectOnly(list.items[0]!.data, data, may, 'list');
          // a search for each value finds the case only through a field the reader may see
          for (const f of s.fields) {
            const found = await h.store.listCases(p.id, { viewer: reader, text: `value-${f}` });
            if (s.values[f] === undefined)
              expect(found.items.length, `search ${f}`).toBe(may(f) ? 1 : 0);
          }
          const history = await h.store.caseHistoryPage(c.id, { viewer: reader });
          expectOnly(history.items[0]!.payload, data, may, 'history (open)');
          expectOnly(history.items[1]!.payload, payload, payloadMay(s, reader), 'history (note)');
          const work = await h.store.worklist({
            roles: reader.roles,
            viewer: reader,
            scope: district,
          });
          for (const item of work.items) {
            expectOnly(item.case.data, data, may, 'worklist');
            for (const field of item.card) expect(may(field.field), 'card').toBe(true);
          }
          expectOnly((await h.store.visibleCase(c, reader)).data, data, may, 'event answer');
        }),
        { numRuns: 25 },
      );
    }, 120_000);
  });
}
