import { describe, expect, it } from 'vitest';
import { issueSummaryZh } from '../errors/issue-catalog.js';
import { validateTemplate } from './validate-template.js';

// A small valid template with marks; each test changes one line and asserts code, line and column.
const BASE = `dsl: relief/v1
id: marks-mini
version: 1
title: { zh: 小模板, en: Mini }
roles:
  committee: { zh: 居委会, en: Committee }
  courier: { zh: 送餐员, en: Courier }
data:
  type: object
  x-relief-visible-to: [committee]
  x-relief-retention: P1Y
  properties:
    name:
      type: string
      x-relief-sensitivity: personal
      x-relief-visible-to: [committee, courier]
    health:
      type: string
      x-relief-sensitivity: sensitive
    meals: { type: integer }
events:
  close:
    roles: [committee]
    form: { type: object, properties: { note: { type: string, x-relief-sensitivity: sensitive } } }
initial: open
states:
  open: { on: { close: closed } }
  closed: { type: final }
`;

const findings = (source: string) =>
  validateTemplate(source).issues.map(
    (i) => `${i.severity} ${i.code} ${i.line}:${i.col} ${i.pointer}`,
  );

describe('need-to-know marks', () => {
  it('accepts the marked template without findings', () => {
    expect(findings(BASE)).toEqual([]);
  });

  it('locates a role that is not declared as an error', () => {
    const source = BASE.replace('[committee, courier]', '[committee, couirer]');
    expect(findings(source)).toEqual([
      'error visible-to-undeclared-role 16:40 /data/properties/name/x-relief-visible-to/1',
    ]);
    expect(validateTemplate(source).template).toBeUndefined();
    expect(validateTemplate(source).issues[0]!.message).toContain("'couirer'");
  });

  it('accepts the system readers auditor and integrator', () => {
    expect(
      findings(BASE.replace('[committee, courier]', '[committee, auditor, integrator]')),
    ).toEqual([]);
  });

  it('warns when a sensitive field is visible to every programme role', () => {
    const source = BASE.replace('  x-relief-visible-to: [committee]\n', '');
    expect(findings(source)).toEqual([
      'warning sensitive-visible-to-all 18:29 /data/properties/health/x-relief-sensitivity',
      'warning sensitive-visible-to-all 23:85 /events/close/form/properties/note/x-relief-sensitivity',
    ]);
    expect(validateTemplate(source).template).toBeDefined();
  });

  it('warns when a visible-to list restricts nothing', () => {
    const source = BASE.replace('      x-relief-sensitivity: personal\n', '');
    expect(findings(source)).toEqual([
      'warning visible-to-without-sensitivity 15:28 /data/properties/name/x-relief-visible-to',
    ]);
  });

  it('refuses an unknown sensitivity and a retention that is not a duration', () => {
    const codes = (s: string) => validateTemplate(s).issues.map((i) => i.code);
    expect(codes(BASE.replace('sensitivity: personal', 'sensitivity: secret'))).toEqual([
      'schema-value',
    ]);
    expect(codes(BASE.replace('retention: P1Y', 'retention: 1 year'))).toEqual([
      'invalid-duration',
    ]);
  });

  it('has a Chinese summary for each new code', () => {
    for (const code of [
      'visible-to-undeclared-role',
      'visible-to-without-sensitivity',
      'sensitive-visible-to-all',
    ] as const)
      expect(issueSummaryZh(code)).toMatch(/[\u4e00-\u9fff]/);
  });
});
