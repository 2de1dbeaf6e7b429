import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compileTemplate } from '../compile/compile-template.js';
import { validateTemplate } from '../template/validate-template.js';
import { previewParamsChange } from './preview-params-change.js';
import type { PreviewCase } from './preview-params-change.js';
import { startCase, stepCase } from './step-case.js';

function compile(source: string) {
  const { template, issues } = validateTemplate(source);
  if (!template) throw new Error(JSON.stringify(issues, null, 2));
  return compileTemplate(template);
}

const loveMeals = compile(
  readFileSync(new URL('../../../templates/love-meals.yaml', import.meta.url), 'utf8'),
);
const NORMAL = { minAge: 80, minCareLevel: 5, openEnrollment: false };
const OPEN = { ...NORMAL, openEnrollment: true };
const env = { ledger: {}, now: new Date('2026-04-07T08:00:00Z') };

function applicant(id: string, data: Record<string, unknown>): PreviewCase {
  const started = startCase(
    loveMeals,
    { careLevel: 0, mobilityImpaired: false, ...data },
    {
      params: NORMAL,
      ...env,
    },
  );
  return { id, ref: id, value: started.value, data: started.data, assignee: null };
}

describe('previewParamsChange', () => {
  const cases = [
    applicant('old-and-frail', { name: 'A', age: 85, mobilityImpaired: true, address: 'x' }),
    applicant('care-level-5', { name: 'B', age: 60, careLevel: 5, address: 'x' }),
    applicant('young', { name: 'C', age: 70, address: 'x' }),
    applicant('old-but-mobile', { name: 'D', age: 82, address: 'x' }),
  ];
  const enrolledStep = stepCase(
    loveMeals,
    { value: cases[0]!.value, data: cases[0]!.data, assignee: null },
    { type: 'review' },
    { params: NORMAL, ...env },
  );
  const enrolled: PreviewCase = {
    id: 'enrolled',
    ref: null,
    value: enrolledStep.value,
    data: enrolledStep.data,
    assignee: null,
    timers: [{ eventType: 'after:enrolled.delivered:0', dueAt: env.now }],
  };

  it('finds the applicants who would now qualify at review when enrolment opens', () => {
    const preview = previewParamsChange(loveMeals, [...cases, enrolled], NORMAL, OPEN, env);
    expect(preview.summary).toEqual({
      casesExamined: 5,
      casesAffected: 2,
      byTransition: [
        { state: 'applied', event: 'review', from: 'rejected', to: 'enrolled', count: 2 },
      ],
      timersChanged: 0,
    });
    expect(preview.cases.map((c) => c.caseId)).toEqual(['young', 'old-but-mobile']);
    expect(preview.cases[0]).toEqual({
      caseId: 'young',
      ref: 'young',
      state: 'applied',
      changes: [
        { kind: 'event', state: 'applied', event: 'review', from: 'rejected', to: 'enrolled' },
      ],
    });
  });

  it('finds those who would lose their place when the rule tightens, and no change is no change', () => {
    const tighter = previewParamsChange(loveMeals, cases, NORMAL, { ...NORMAL, minAge: 90 }, env);
    expect(tighter.summary.byTransition).toEqual([
      { state: 'applied', event: 'review', from: 'enrolled', to: 'rejected', count: 1 },
    ]);
    expect(tighter.cases.map((c) => c.caseId)).toEqual(['old-and-frail']);
    expect(previewParamsChange(loveMeals, cases, NORMAL, NORMAL, env).summary.casesAffected).toBe(
      0,
    );
  });

  it("reports timers whose guard reads a parameter, and not guards that need the event's payload", () => {
    const template = compile(`dsl: relief/v1
id: t
version: 1
title: T
roles: { r: R }
parameters: { type: object, properties: { limit: { type: integer, default: 3 } } }
data: { type: object, properties: { n: { type: integer, default: 0 } } }
events:
  give: { roles: [r], form: { type: object, properties: { amount: { type: integer } } } }
  close: { roles: [r] }
initial: open
states:
  open:
    on:
      give:
        - { target: big, guard: event.amount > params.limit }
        - { target: open }
      close: { target: closed, guard: data.n < params.limit }
    after:
      - { delay: P1D, target: closed, guard: data.n >= params.limit }
  big: { on: { close: closed } }
  closed: { type: final }
`);
    const started = startCase(template, { n: 2 }, { params: { limit: 3 }, ...env });
    const due = new Date('2026-04-08T08:00:00Z');
    const preview = previewParamsChange(
      template,
      [
        {
          id: 'c',
          ref: null,
          value: started.value,
          data: started.data,
          assignee: null,
          timers: [{ eventType: 'after:open:0', dueAt: due }],
        },
      ],
      { limit: 3 },
      { limit: 1 },
      env,
    );
    expect(preview.cases[0]!.changes).toEqual([
      { kind: 'event', state: 'open', event: 'close', from: 'closed', to: null },
      { kind: 'timer', state: 'open', event: 'after:open:0', from: null, to: 'closed', dueAt: due },
    ]);
    expect(preview.summary.timersChanged).toBe(1);
  });
});
