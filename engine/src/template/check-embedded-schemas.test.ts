import { describe, expect, it } from 'vitest';
import { checkEmbeddedSchemas } from './check-embedded-schemas.js';
import type { Template } from './template.js';

const withData = (data: object, events: object = {}) => ({ data, events }) as unknown as Template;

function findings(template: Template): string[] {
  const out: string[] = [];
  checkEmbeddedSchemas(template, (code, pointer, args) =>
    out.push(`${code} ${pointer} ${String(args.detail)}`),
  );
  return out;
}

describe('checkEmbeddedSchemas', () => {
  // Compiled schemas are kept between calls: a second template must get the same findings.
  it('reports the same invalid default and invalid schema on every call', () => {
    const bad = () =>
      withData({
        type: 'object',
        properties: { n: { type: 'integer', default: 'x' }, m: { type: 'nonsense' } },
      });
    const first = findings(bad());
    expect(first).toHaveLength(1);
    expect(first[0]).toMatch(/^invalid-json-schema \/data /);
    expect(findings(bad())).toEqual(first);

    const badDefault = () =>
      withData({ type: 'object', properties: { n: { type: 'integer', default: 'x' } } });
    const again = findings(badDefault());
    expect(again).toEqual(['invalid-default /data/properties/n/default default must be integer']);
    expect(findings(badDefault())).toEqual(again);
  });

  it('gives each template with `$id` its own ajv, so validating it twice finds nothing', () => {
    const template = () => withData({ $id: 'urn:x:data', type: 'object', properties: {} });
    expect(findings(template())).toEqual([]);
    expect(findings(template())).toEqual([]);
  });

  it('still reports an id declared twice in one template', () => {
    const schema = { $id: 'urn:x:twice', type: 'object', properties: {} };
    const result = findings(withData(schema, { a: { form: { ...schema } } }));
    expect(result).toHaveLength(1);
    expect(result[0]).toMatch(/^invalid-json-schema \/events\/a\/form .*already exists/);
  });
});
