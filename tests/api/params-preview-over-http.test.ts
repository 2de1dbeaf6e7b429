/**
 * The rule-change preview over real HTTP on each database, with the love-meals roster of the
 * console journey: 240 applicants of whom 178 qualify under the normal rule; opening enrolment
 * would let 62 more qualify at review, and no enrolled resident loses their place. The preview
 * changes nothing; the change itself is recorded with the person, the time, before, after and why.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect } from './api-client.js';
import type { ApiClient, Body } from './api-client.js';
import { expectProblem } from './api-fixtures.js';
import {
  APPLICANTS,
  QUALIFYING,
  loveMealsRoster,
  qualifies,
  toApplicantCsv,
} from './love-meals-roster.js';
import { asPerson, createPerson, signIn } from './people-fixtures.js';
import type { SignedIn } from './people-fixtures.js';
import { DATABASES, startTestServer } from './test-server.js';
import type { TestServer } from './test-server.js';

const ENROLLED = 12;

describe.each(DATABASES)('parameter change preview on %s', (kind) => {
  let t: TestServer;
  let api: ApiClient;
  let admin: SignedIn;
  let programme: string;
  const roster = loveMealsRoster();

  const casesNow = async () => {
    const res = await asPerson(
      api,
      admin,
      'GET',
      `/api/v1/programmes/${programme}/cases?limit=500`,
    );
    return (res.body.items as Body[]).map((c) => `${c.id}:${c.version}:${c.state}`).sort();
  };
  const preview = (params: Record<string, unknown>, query = '') =>
    asPerson(api, admin, 'POST', `/api/v1/programmes/${programme}/params/preview${query}`, {
      json: { params },
    });

  beforeAll(async () => {
    t = await startTestServer(kind);
    ({ api } = await connect(t.url));
    await createPerson(api, t.ownerKey, {
      login: 'wang.li',
      displayName: '王丽',
      roles: ['admin', 'committee'],
      district: 'sh/putuo',
    });
    admin = await signIn(api, 'wang.li');
    const started = await asPerson(api, admin, 'POST', '/api/v1/programmes', {
      json: { template: 'love-meals', district: 'sh/putuo/changzheng' },
    });
    programme = started.body.id as string;
    const imported = await api.request('POST', `/api/v1/programmes/${programme}/cases/import`, {
      body: toApplicantCsv(roster),
      type: 'text/csv',
      headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrfToken },
    });
    expect(imported.body).toMatchObject({ rows: APPLICANTS, created: APPLICANTS, failed: 0 });
    // Residents already enrolled before the rule changes.
    for (let i = 0; i < ENROLLED; i++) {
      const opened = await asPerson(api, admin, 'POST', `/api/v1/programmes/${programme}/cases`, {
        json: {
          ref: `E-${i}`,
          data: { name: `在册${i}`, age: 81 + i, mobilityImpaired: true, address: '梅岭北路 1 号' },
        },
      });
      const reviewed = await asPerson(
        api,
        admin,
        'POST',
        `/api/v1/cases/${opened.body.id}/events`,
        {
          json: { type: 'review' },
        },
      );
      expect(reviewed.body.case.state).toBe('enrolled.prepared');
    }
  });

  afterAll(async () => {
    await t?.close();
  });

  it('finds the 62 applicants who would qualify at review once enrolment opens, and no one lost', async () => {
    expect(roster.filter((a) => qualifies(a))).toHaveLength(QUALIFYING);
    const before = await casesNow();
    const res = await preview({ openEnrollment: true });
    expect(res.status, res.text).toBe(200);
    const notQualifying = roster.filter((a) => !qualifies(a));
    expect(notQualifying).toHaveLength(62);
    expect(res.body.summary).toEqual({
      casesExamined: APPLICANTS + ENROLLED,
      casesAffected: 62,
      byTransition: [
        { state: 'applied', event: 'review', from: 'rejected', to: 'enrolled', count: 62 },
      ],
      timersChanged: 0,
    });
    expect(res.body.before).toEqual({ minAge: 80, minCareLevel: 5, openEnrollment: false });
    expect(res.body.after).toEqual({ minAge: 80, minCareLevel: 5, openEnrollment: true });
    expect(res.body.truncated).toBe(false);
    const refs = (res.body.cases as Body[]).map((c) => c.ref as string).sort();
    expect(refs).toEqual(notQualifying.map((a) => a.ref).sort());
    // No enrolled resident is among them: nobody loses their place.
    expect((res.body.cases as Body[]).every((c) => c.state === 'applied')).toBe(true);
    expect(res.body.cases[0].changes).toEqual([
      { kind: 'event', state: 'applied', event: 'review', from: 'rejected', to: 'enrolled' },
    ]);
    // It changed nothing.
    expect(await casesNow()).toEqual(before);
    const now = await asPerson(api, admin, 'GET', `/api/v1/programmes/${programme}`);
    expect(now.body.params.openEnrollment).toBe(false);
    expect(now.body.changes).toEqual([]);
  });

  it('finds who would be refused when the rule tightens, caps the list, and refuses bad values', async () => {
    const tighter = await preview({ minAge: 85 }, '?limit=5');
    const losing = roster.filter(
      (a) => qualifies(a) && !qualifies(a, { minAge: 85, minCareLevel: 5, openEnrollment: false }),
    );
    expect(losing.length).toBeGreaterThan(0);
    expect(tighter.body.summary.byTransition).toEqual([
      { state: 'applied', event: 'review', from: 'enrolled', to: 'rejected', count: losing.length },
    ]);
    expect(tighter.body.cases).toHaveLength(5);
    expect(tighter.body.truncated).toBe(true);
    const bad = await preview({ minAge: 'eighty' });
    expectProblem(bad, 422, 'validation-failed');
    expect(bad.body.errors).toEqual([expect.objectContaining({ path: '/minAge' })]);
    expectProblem(
      await asPerson(api, admin, 'POST', `/api/v1/programmes/${programme}/params/preview`, {
        json: { params: {} },
        csrf: false,
      }),
      403,
      'csrf-token-invalid',
    );
  });

  it('records the change with the person, when, before, after and why; the preview held', async () => {
    const previewed = await preview({ openEnrollment: true });
    const applied = await asPerson(api, admin, 'PATCH', `/api/v1/programmes/${programme}`, {
      json: { params: { openEnrollment: true }, reason: '封控期间放开申请条件' },
    });
    expect(applied.status, applied.text).toBe(200);
    const detail = await asPerson(api, admin, 'GET', `/api/v1/programmes/${programme}`);
    expect(detail.body.changes).toEqual([
      {
        kind: 'params',
        changedBy: admin.person.id,
        changedByName: '王丽',
        changedAt: expect.any(String),
        reason: '封控期间放开申请条件',
        before: { minAge: 80, minCareLevel: 5, openEnrollment: false },
        after: { minAge: 80, minCareLevel: 5, openEnrollment: true },
      },
    ]);
    // What the preview said is what happens: previewed applicants are now enrolled on review.
    for (const c of (previewed.body.cases as Body[]).slice(0, 3)) {
      const reviewed = await asPerson(api, admin, 'POST', `/api/v1/cases/${c.caseId}/events`, {
        json: { type: 'review' },
      });
      expect(reviewed.body.case.state).toBe('enrolled.prepared');
    }
    const again = await preview({ openEnrollment: true });
    expect(again.body.summary.casesAffected).toBe(0);
  });
});
