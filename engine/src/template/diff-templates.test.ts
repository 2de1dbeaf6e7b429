import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { diffTemplates } from './diff-templates.js';
import { loveMealsV2, loveMealsV3 } from './love-meals-versions.fixture.js';
import type { Template } from './template.js';
import { validateTemplate } from './validate-template.js';

const V1 = readFileSync(new URL('../../../templates/love-meals.yaml', import.meta.url), 'utf8');
const V2 = loveMealsV2(V1);
const V3 = loveMealsV3(V2);

function side(source: string): { template: Template; source: string } {
  const { template, issues } = validateTemplate(source);
  if (!template) throw new Error(JSON.stringify(issues));
  return { template, source };
}

const lineOf = (source: string, text: string) =>
  source.slice(0, source.indexOf(text)).split('\n').length;

describe('diffTemplates', () => {
  it('finds nothing between a version and itself', () => {
    const d = diffTemplates(side(V1), side(V1));
    expect(d.changes).toEqual([]);
    expect(d.compatibility).toEqual({ verdict: 'compatible', concerns: [] });
  });

  it('love-meals v1 → v2: a state, its transitions and a defaulted field, located in both', () => {
    const d = diffTemplates(side(V1), side(V2));
    expect(d.changes.map((c) => [c.kind, c.change, c.key])).toEqual([
      ['transition', 'changed', 'enrolled.failed · retry'],
      ['state', 'added', 'enrolled.reheated'],
      ['transition', 'added', 'enrolled.reheated · carryToGate'],
      ['data', 'added', 'allergies'],
    ]);
    const retry = d.changes[0]!;
    expect(retry.fields).toEqual(['[0].target']);
    expect(retry.before).toEqual([{ target: 'atGate' }]);
    expect(retry.after).toEqual([{ target: 'reheated' }]);
    expect(retry.from).toMatchObject({ line: lineOf(V1, 'retry: atGate') });
    expect(retry.to).toMatchObject({ line: lineOf(V2, 'retry: reheated') });
    expect(d.changes[1]!.to).toMatchObject({ line: lineOf(V2, 'reheated:\n'), col: 7 });
    expect(d.changes[3]!.after).toMatchObject({ default: 'none', required: true });
    // A required field with a default moves every case as is.
    expect(d.compatibility.verdict).toBe('compatible');
    expect(d.counts).toEqual({ added: 3, removed: 0, changed: 1 });
  });

  it('love-meals v2 → v3: removing a state with cases needs a stateMap', () => {
    const d = diffTemplates(side(V2), side(V3));
    expect(d.changes.filter((c) => c.change === 'removed').map((c) => c.key)).toEqual([
      'enrolled · suspend',
      'suspended',
      'suspended · resume',
      'suspended · end',
    ]);
    expect(d.compatibility.verdict).toBe('needs-input');
    expect(d.compatibility.concerns).toMatchObject([
      { code: 'state-removed', key: 'suspended', severity: 'blocking' },
    ]);
    expect(d.compatibility.concerns[0]!.from!.line).toBe(lineOf(V2, '\n  suspended:') + 1);
    expect(d.compatibility.concerns[0]!.message.zh).toContain('stateMap');
  });

  it('sees forms, data, parameters, timers, roles and ledgers', () => {
    const base = `dsl: relief/v1
id: t
version: 1
title: T
roles: { a: A }
parameters: { type: object, properties: { n: { type: integer, default: 1 } } }
data: { type: object, properties: { x: { type: string } } }
ledgers: { kits: { title: Kits, opening: 5 } }
events:
  go: { roles: [a], form: { type: object, properties: { note: { type: string } } } }
initial: s
states:
  s:
    on: { go: { target: e, guard: "ledger['kits'] >= 0" } }
    after: [{ delay: P1D, target: e }]
  e: { type: final }
`;
    const next = base
      .replace('version: 1', 'version: 2')
      .replace('roles: { a: A }', 'roles: { a: A, b: B }')
      .replace(
        'properties: { n: { type: integer, default: 1 } }',
        'required: [m], properties: { n: { type: integer, default: 1, minimum: 1 }, m: { type: string } }',
      )
      .replace(
        'data: { type: object, properties: { x: { type: string } } }',
        'data: { type: object, required: [y], properties: { x: { type: string, maxLength: 3 }, y: { type: integer } } }',
      )
      .replace('ledgers: { kits: { title: Kits, opening: 5 } }\n', '')
      .replace(
        'properties: { note: { type: string } }',
        'required: [note], properties: { note: { type: string } }',
      )
      .replace('guard: "ledger[\'kits\'] >= 0"', 'guard: "true"')
      .replace('delay: P1D', 'delay: PT12H');
    const d = diffTemplates(side(base), side(next));
    const keys = d.changes.map((c) => `${c.kind}:${c.change}:${c.key}`);
    expect(keys).toEqual([
      'transition:changed:s · go',
      'timer:changed:s · after[0]',
      'form:changed:go.note',
      'data:changed:x',
      'data:added:y',
      'parameter:changed:n',
      'parameter:added:m',
      'role:added:b',
      'ledger:removed:kits',
    ]);
    expect(d.changes.find((c) => c.kind === 'timer')!.fields).toEqual(['delay']);
    expect(d.changes.find((c) => c.key === 'go.note')!.fields).toEqual(['required']);
    expect(d.compatibility.verdict).toBe('needs-input');
    expect(d.compatibility.concerns.map((c) => `${c.code}:${c.key}`)).toEqual([
      'form-stricter:go.note',
      'data-field-stricter:x',
      'data-required-without-default:y',
      'parameter-stricter:n',
      'parameter-required-without-default:m',
      'ledger-removed:kits',
    ]);
  });
});
