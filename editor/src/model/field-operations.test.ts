import { describe, expect, it } from 'vitest';
import { editSource } from './editable-document.js';
import {
  addEvent,
  removeFormField,
  removeSchemaField,
  setFormField,
  setSchemaField,
} from './event-operations.js';
import { addRole, setActions, setLabel, setValue } from './field-operations.js';
import { toFormFields } from './form-fields.js';
import { parseEditable } from './editable-document.js';

const base = [
  '# keep me',
  'states:',
  '  a:',
  '    title: 甲 # plain',
  '    on: { go: b }',
  'events:',
  '  go: { title: { zh: 去, en: Go } }',
  '',
].join('\n');

describe('field operations', () => {
  it('sets one language of a label, turning a plain string into { zh, en }', () => {
    const out = editSource(base, (doc) => setLabel(doc, ['states', 'a', 'title'], 'en', 'A'));
    expect(out).toContain('    title: { zh: 甲, en: A }');
    expect(out).toContain('# keep me');
    expect(
      editSource(base, (doc) => setLabel(doc, ['states', 'a', 'description'], 'zh', '说明')),
    ).toContain('    description: { zh: 说明, en: 说明 }\n');
  });

  it('writes role lists on one line and removes empty values', () => {
    const out = editSource(base, (doc) =>
      setValue(doc, ['states', 'a', 'roles'], ['committee', 'cadre']),
    );
    expect(out).toContain('    roles: [committee, cadre]\n');
    expect(editSource(out, (doc) => setValue(doc, ['states', 'a', 'roles'], []))).not.toContain(
      'roles',
    );
  });

  it('writes actions with their inner maps on one line, keeping untouched ones', () => {
    const out = editSource(base, (doc) =>
      setActions(
        doc,
        ['states', 'a', 'entry'],
        [{ set: { n: 'data.n + 1' } }, { emit: 'a.entered' }],
      ),
    );
    expect(out).toContain('    entry:\n      - set: { n: data.n + 1 }\n      - emit: a.entered\n');
    expect(editSource(out, (doc) => setActions(doc, ['states', 'a', 'entry'], []))).not.toContain(
      'entry',
    );
  });

  it('declares roles and events', () => {
    const out = editSource(base, (doc) => {
      addRole(doc, 'cadre', { zh: '干部', en: 'Cadre' });
      addEvent(doc, 'stop', { zh: '停止', en: 'Stop' });
    });
    expect(out).toContain('roles:\n  cadre: { zh: 干部, en: Cadre }\n');
    expect(out).toContain('  stop:\n    title: { zh: 停止, en: Stop }\n');
    expect(() => editSource(base, (doc) => addEvent(doc, 'go', { zh: '', en: '' }))).toThrow(
      /event-exists/,
    );
  });
});

describe('form builder', () => {
  it('adds text, number, boolean, choice and date fields, renames and removes them', () => {
    let out = editSource(base, (doc) => {
      setFormField(doc, 'go', {
        name: 'reason',
        kind: 'text',
        title: { zh: '原因', en: 'Reason' },
        required: true,
        options: [],
      });
      setFormField(doc, 'go', {
        name: 'count',
        kind: 'integer',
        title: undefined,
        required: false,
        options: [],
      });
      setFormField(doc, 'go', {
        name: 'hot',
        kind: 'boolean',
        title: undefined,
        required: false,
        options: [],
      });
      setFormField(doc, 'go', {
        name: 'kind',
        kind: 'choice',
        title: undefined,
        required: true,
        options: ['a', 'b'],
      });
      setFormField(doc, 'go', {
        name: 'day',
        kind: 'date',
        title: undefined,
        required: false,
        options: [],
      });
    });
    const form = () =>
      (parseEditable(out).doc.toJS() as { events: { go: { form: never } } }).events.go.form;
    expect(form()).toEqual({
      type: 'object',
      required: ['reason', 'kind'],
      properties: {
        reason: { type: 'string', minLength: 1, title: { zh: '原因', en: 'Reason' } },
        count: { type: 'integer' },
        hot: { type: 'boolean' },
        kind: { type: 'string', enum: ['a', 'b'] },
        day: { type: 'string', format: 'date' },
      },
    });
    expect(toFormFields(form()).map((f) => [f.name, f.kind, f.required])).toEqual([
      ['reason', 'text', true],
      ['count', 'integer', false],
      ['hot', 'boolean', false],
      ['kind', 'choice', true],
      ['day', 'date', false],
    ]);
    out = editSource(out, (doc) =>
      setFormField(
        doc,
        'go',
        { name: 'why', kind: 'text', title: undefined, required: true, options: [] },
        'reason',
      ),
    );
    expect(Object.keys((form() as { properties: object }).properties)[0]).toBe('why');
    expect((form() as { required: string[] }).required).toEqual(['kind', 'why']);
    out = editSource(out, (doc) =>
      ['why', 'count', 'hot', 'kind', 'day'].forEach((f) => removeFormField(doc, 'go', f)),
    );
    expect(out).toContain('  go:\n    title: { zh: 去, en: Go }\n');
    expect(out).not.toContain('form');
    expect(out.startsWith(base.split('events:')[0]!)).toBe(true);
  });
});

describe('case data and parameter fields', () => {
  it('declares data and parameters before the events, with default, bounds and description', () => {
    const out = editSource(base, (doc) => {
      setSchemaField(doc, ['data'], {
        name: 'phone',
        kind: 'text',
        title: { zh: '电话', en: 'Phone' },
        required: true,
        options: [],
        description: { zh: '手机号', en: 'Mobile' },
      });
      setSchemaField(doc, ['parameters'], {
        name: 'validDays',
        kind: 'integer',
        title: { zh: '有效天数', en: 'Valid days' },
        required: false,
        options: [],
        default: 7,
        minimum: 1,
        maximum: 30,
      });
    });
    const js = parseEditable(out).doc.toJS() as Record<string, unknown>;
    expect(js.data).toEqual({
      type: 'object',
      required: ['phone'],
      properties: {
        phone: {
          type: 'string',
          minLength: 1,
          title: { zh: '电话', en: 'Phone' },
          description: { zh: '手机号', en: 'Mobile' },
        },
      },
    });
    expect((js.parameters as { properties: object }).properties).toEqual({
      validDays: {
        type: 'integer',
        minimum: 1,
        maximum: 30,
        default: 7,
        title: { zh: '有效天数', en: 'Valid days' },
      },
    });
    expect(Object.keys(js).indexOf('parameters')).toBeLessThan(Object.keys(js).indexOf('data'));
    expect(Object.keys(js).indexOf('data')).toBeLessThan(Object.keys(js).indexOf('events'));
    const cleared = editSource(out, (doc) => {
      removeSchemaField(doc, ['data'], 'phone');
      setSchemaField(doc, ['parameters'], {
        ...toFormFields(js.parameters as never)[0]!,
        minimum: undefined,
        default: 'x',
      });
    });
    const after = parseEditable(cleared).doc.toJS() as Record<string, never>;
    expect(after.data).toEqual({ type: 'object', properties: {} });
    expect(after.parameters).toEqual({
      type: 'object',
      properties: {
        validDays: { type: 'integer', maximum: 30, title: { zh: '有效天数', en: 'Valid days' } },
      },
    });
  });
});
