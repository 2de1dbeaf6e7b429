import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SHIPPED } from '../test-support/shipped-templates.js';
import { isMap } from 'yaml';
import { editSource, emitDocument, parseEditable } from './editable-document.js';

const shipped = SHIPPED;
const read = (name: string) =>
  readFileSync(new URL(`../../../templates/${name}.yaml`, import.meta.url), 'utf8');

describe('emitDocument', () => {
  it.each(shipped)('writes %s back byte for byte when nothing changed', (name) => {
    const source = read(name);
    expect(emitDocument(parseEditable(source))).toBe(source);
  });

  it('keeps folded text, comments and flow sequences around an edit', () => {
    const source = [
      '# head comment',
      'a: >-',
      '  one long',
      '  folded line',
      'b: [x, y] # trailing',
      'c: { zh: 甲, en: A }',
      '',
    ].join('\n');
    const out = editSource(source, (doc) => doc.set('d', 1));
    expect(out).toBe(source + 'd: 1\n');
  });

  it('re-indents kept block text when its map moves deeper', () => {
    const source = ['a:', '  t: >-', '    x', '    y', 'b: {}', ''].join('\n');
    const out = editSource(source, (doc) => {
      const a = doc.get('a', true);
      doc.delete('a');
      doc.set('b', doc.createNode({}));
      (doc.get('b', true) as { set: (k: string, v: unknown) => void }).set('a', a);
    });
    expect(out).toContain('b:\n  a:\n    t: >-\n      x\n      y');
    expect(isMap(parseEditable(out).doc.getIn(['b', 'a'], true))).toBe(true);
  });

  it('quotes new flow items that flow syntax would split', () => {
    const out = editSource('r: [a]\n', (doc) => doc.addIn(['r'], 'b, c'));
    expect(out).toBe('r: [a, "b, c"]\n');
  });
});
