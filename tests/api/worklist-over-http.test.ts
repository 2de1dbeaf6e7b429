/* eslint-disable @typescript-eslint/no-unsafe-call, @typescript-eslint/no-unsafe-return, @typescript-eslint/no-unsafe-argument --
   response bodies are JSON checked against the OpenAPI document at run time by the client. */
/**
 * The worklist over real HTTP on each database: who a case waits on is derived from the events a
 * role may send in its active states (no `roles:` on the states needed; a guard on the payload
 * never hides an event, a guard on the data does), the caller's own cases first and then by
 * deadline, forms with each event, `since` for a cheap refresh, an assignee matched to a person
 * or flagged, an admin's reassignment, and notifications with a read flag.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect } from './api-client.js';
import type { ApiClient, Body } from './api-client.js';
import { createKey, expectProblem } from './api-fixtures.js';
import { asPerson, createPerson, signIn } from './people-fixtures.js';
import type { SignedIn } from './people-fixtures.js';
import { DATABASES, startTestServer } from './test-server.js';
import type { TestServer } from './test-server.js';

/** No state repeats a `roles:` list: the worklist must still find the cases. */
const PROBE = `dsl: relief/v1
id: worklist-probe
version: 1
title: { zh: 待办探针, en: Worklist probe }
roles:
  helper: { zh: 帮扶员, en: Helper }
  checker: { zh: 核查员, en: Checker }
data:
  type: object
  required: [name]
  properties:
    name: { type: string, title: { zh: 姓名, en: Name }, x-worker: true }
    address: { type: string, x-worker: address }
    ready: { type: boolean, default: false }
    helper: { type: string, default: '' }
    helps: { type: integer, default: 0 }
events:
  help:
    title: { zh: 帮扶, en: Help }
    roles: [helper]
    form: { type: object, properties: { note: { type: string } } }
  check:
    title: { zh: 核查, en: Check }
    roles: [checker]
  bigHelp:
    title: { zh: 大额帮扶, en: Big help }
    roles: [checker]
    form: { type: object, required: [amount], properties: { amount: { type: integer } } }
initial: open
states:
  open:
    entry:
      - assign: data.helper
    on:
      help:
        target: open
        actions:
          - set: { helps: data.helps + 1 }
          - notify: { role: checker, message: { zh: 已帮扶，请核查, en: Helped; please check } }
      check:
        guard: data.ready
        target: done
      bigHelp:
        guard: event.amount > 100
        target: done
    after:
      - delay: PT2H
        target: open
  done: { type: final }
`;

describe.each(DATABASES)('the worklist on %s', (kind) => {
  let t: TestServer;
  let api: ApiClient;
  let owner: string;
  let admin: SignedIn;
  let helper: SignedIn;
  let checker: SignedIn;
  let helperId = '';
  let programmeId = '';
  const cases: Record<string, Body> = {};

  const worklistOf = async (who: SignedIn, query = '') => {
    const res = await asPerson(api, who, 'GET', `/api/v1/worklist${query}`);
    expect(res.status, res.text).toBe(200);
    return res.body as {
      items: Body[];
      nextCursor: string | null;
      asOf: string;
      removed: string[];
    };
  };
  const open = async (ref: string, data: Record<string, unknown>) => {
    const res = await api.post(`/api/v1/programmes/${programmeId}/cases`, owner, { ref, data });
    expect(res.status, res.text).toBe(201);
    cases[ref] = res.body;
    return res.body;
  };

  beforeAll(async () => {
    t = await startTestServer(kind);
    ({ api } = await connect(t.url));
    owner = t.ownerKey;
    const designer = await createKey(api, owner, ['designer'], 'sh');
    const saved = await api.request('POST', '/api/v1/templates', {
      key: designer,
      body: PROBE,
      type: 'application/yaml',
    });
    expect(saved.status, saved.text).toBe(201);
    await api.post('/api/v1/templates/worklist-probe/versions/1/publish', designer);
    const started = await api.post('/api/v1/programmes', owner, {
      template: 'worklist-probe',
      district: 'sh/putuo',
      params: {},
    });
    expect(started.status, started.text).toBe(201);
    programmeId = started.body.id as string;
    await createPerson(api, owner, { login: 'boss', roles: ['admin'], district: 'sh/putuo' });
    helperId = (
      await createPerson(api, owner, {
        login: 'li.helper',
        displayName: '李帮扶',
        roles: ['helper'],
        district: 'sh/putuo',
      })
    ).id as string;
    await createPerson(api, owner, { login: 'zhao.check', roles: ['checker'], district: 'sh' });
    admin = await signIn(api, 'boss');
    helper = await signIn(api, 'li.helper');
    checker = await signIn(api, 'zhao.check');
    await open('a', { name: '王阿婆', address: '长寿路 1 号' });
    await open('b', { name: '陈老伯', address: '江宁路 9 号', helper: 'LI.HELPER' });
    await open('c', {
      name: '周奶奶',
      address: '长寿路 7 号',
      helper: 'somebody-else',
      ready: true,
    });
  }, 120_000);

  afterAll(async () => {
    await t?.close();
  });

  it('finds cases waiting on a role although no state lists roles; yours first, then by deadline', async () => {
    const list = await worklistOf(helper);
    expect(list.items.map((i) => i.case.ref)).toEqual(['b', 'a', 'c']);
    const [mine, other] = list.items;
    expect(mine).toMatchObject({
      mine: true,
      waitingIn: ['open'],
      templateId: 'worklist-probe',
      templateVersion: 1,
      assignment: { assignee: 'LI.HELPER', person: { id: helperId, login: 'li.helper' } },
    });
    expect(other).toMatchObject({ mine: false, assignment: null, stateTitle: null });
    expect(other.card).toEqual([
      { field: 'name', title: { zh: '姓名', en: 'Name' }, value: '王阿婆', kind: 'text' },
      { field: 'address', title: null, value: '长寿路 1 号', kind: 'address' },
    ]);
    expect(mine.nextEvents).toEqual([
      {
        type: 'help',
        title: { zh: '帮扶', en: 'Help' },
        roles: ['helper'],
        form: { type: 'object', properties: { note: { type: 'string' } } },
      },
    ]);
    // The deadline is the pending two-hour timer.
    const due =
      new Date(mine.deadline as string).getTime() - new Date(mine.case.createdAt).getTime();
    expect(due).toBe(2 * 3600_000);
    // An assignee that names nobody is kept as written and flagged.
    expect(list.items[2]).toMatchObject({
      assignment: { assignee: 'somebody-else', person: null },
    });
    const detail = await asPerson(api, admin, 'GET', `/api/v1/cases/${cases.c!.id}`);
    expect(detail.body.assignment).toEqual({ assignee: 'somebody-else', person: null });
  });

  it('hides an event whose guard on the data does not hold, never one whose guard reads the payload', async () => {
    const list = await worklistOf(checker);
    const byRef = Object.fromEntries(list.items.map((i) => [i.case.ref, i]));
    // bigHelp's guard reads the payload: every open case waits on the checker.
    expect(Object.keys(byRef).sort()).toEqual(['a', 'b', 'c']);
    expect(byRef.a.nextEvents.map((e: Body) => e.type)).toEqual(['bigHelp']);
    // check's guard reads the data: it holds only for c.
    expect(byRef.c.nextEvents.map((e: Body) => e.type)).toEqual(['check', 'bigHelp']);
    // Overdue first: once the clock passes every deadline, order falls back to deadline order.
    expect(list.items.every((i) => i.mine === false)).toBe(true);
  });

  it('searches by name or address and filters by programme and state', async () => {
    expect(
      (await worklistOf(helper, `?q=${encodeURIComponent('长寿路')}`)).items.map((i) => i.case.ref),
    ).toEqual(['a', 'c']);
    expect(
      (await worklistOf(helper, `?q=${encodeURIComponent('陈')}`)).items.map((i) => i.case.ref),
    ).toEqual(['b']);
    expect((await worklistOf(helper, '?q=100%25')).items).toEqual([]);
    expect((await worklistOf(helper, `?programme=${programmeId}&state=open`)).items).toHaveLength(
      3,
    );
    expect((await worklistOf(helper, '?state=done')).items).toEqual([]);
    const paged = await worklistOf(helper, '?limit=2');
    expect(paged.items.map((i) => i.case.ref)).toEqual(['b', 'a']);
    const rest = await worklistOf(helper, `?limit=2&cursor=${paged.nextCursor}`);
    expect(rest.items.map((i) => i.case.ref)).toEqual(['c']);
    expect(rest.nextCursor).toBeNull();
    expectProblem(
      await asPerson(api, helper, 'GET', '/api/v1/worklist?since=yesterday'),
      400,
      'invalid-since',
    );
  });

  it('with since, lists only what changed and names the cases that left the list', async () => {
    // `asOf` leaves a few seconds for changes still committing: step past them first.
    t.clock.advance(10_000);
    const before = await worklistOf(checker);
    const sent = await asPerson(api, checker, 'POST', `/api/v1/cases/${cases.c!.id}/events`, {
      json: { type: 'check' },
      headers: { 'if-match': String(cases.c!.version) },
    });
    expect(sent.status, sent.text).toBe(200);
    const helped = await asPerson(api, helper, 'POST', `/api/v1/cases/${cases.a!.id}/events`, {
      json: { type: 'help', payload: { note: '送米' } },
    });
    expect(helped.status, helped.text).toBe(200);
    const changed = await worklistOf(checker, `?since=${encodeURIComponent(before.asOf)}`);
    expect(changed.items.map((i) => i.case.ref)).toEqual(['a']);
    expect(changed.items[0].case.data.helps).toBe(1);
    expect(changed.removed).toEqual([cases.c!.id]);
    expect((await worklistOf(checker)).items.map((i) => i.case.ref).sort()).toEqual(['a', 'b']);
  });

  it('lets an admin reassign a case to a person, recorded in the history; workers may not', async () => {
    const id = cases.a!.id as string;
    expectProblem(
      await asPerson(api, helper, 'POST', `/api/v1/cases/${id}/assignee`, {
        json: { assignee: 'li.helper' },
      }),
      403,
      'forbidden',
    );
    const current = await asPerson(api, admin, 'GET', `/api/v1/cases/${id}`);
    expectProblem(
      await asPerson(api, admin, 'POST', `/api/v1/cases/${id}/assignee`, {
        json: { assignee: 'li.helper' },
        headers: { 'if-match': String(current.body.version + 1) },
      }),
      409,
      'version-conflict',
    );
    const moved = await asPerson(api, admin, 'POST', `/api/v1/cases/${id}/assignee`, {
      json: { assignee: 'li.helper' },
      headers: { 'if-match': String(current.body.version) },
    });
    expect(moved.status, moved.text).toBe(200);
    expect(moved.body).toMatchObject({
      assignee: 'li.helper',
      version: current.body.version + 1,
      assignment: { person: { id: helperId, displayName: '李帮扶' } },
    });
    const history = await asPerson(api, admin, 'GET', `/api/v1/cases/${id}/history`);
    expect(history.body.items.at(-1)).toMatchObject({
      type: '(reassign)',
      payload: { assignee: 'li.helper', previous: null },
    });
    const list = await worklistOf(helper);
    expect(
      list.items
        .filter((i) => i.mine)
        .map((i) => i.case.ref)
        .sort(),
    ).toEqual(['a', 'b']);
  });

  it('lists notifications for my roles and my cases with a read flag per reader', async () => {
    // The help on a notified the checkers; a is now the helper's case, so it reaches them too.
    const mine = await asPerson(api, helper, 'GET', '/api/v1/notifications');
    expect(mine.status, mine.text).toBe(200);
    expect(mine.body).toMatchObject({ unread: 1, nextCursor: null });
    expect(mine.body.items).toEqual([
      expect.objectContaining({
        caseId: cases.a!.id,
        role: 'checker',
        read: false,
        message: { zh: '已帮扶，请核查', en: 'Helped; please check' },
      }),
    ]);
    const noteId = mine.body.items[0].id as number;
    const read = await asPerson(api, helper, 'POST', '/api/v1/notifications/read', {
      json: { ids: [noteId, 999_999] },
    });
    expect(read.body).toEqual({ changed: 1, unread: 0 });
    expect(
      (
        await asPerson(api, helper, 'POST', '/api/v1/notifications/read', {
          json: { ids: [noteId] },
        })
      ).body,
    ).toEqual({ changed: 0, unread: 0 });
    const after = await asPerson(api, helper, 'GET', '/api/v1/notifications');
    expect(after.body.items[0]).toMatchObject({ id: noteId, read: true });
    expect(
      (await asPerson(api, helper, 'GET', '/api/v1/notifications?unread=true')).body.items,
    ).toEqual([]);
    // Read flags are per reader: the checker's copy is still unread.
    const theirs = await asPerson(api, checker, 'GET', '/api/v1/notifications');
    expect(theirs.body).toMatchObject({ unread: 1, items: [{ id: noteId, read: false }] });
    const unread = await asPerson(api, helper, 'POST', '/api/v1/notifications/read', {
      json: { ids: [noteId], read: false },
    });
    expect(unread.body).toEqual({ changed: 1, unread: 1 });
    expectProblem(
      await asPerson(api, helper, 'POST', '/api/v1/notifications/read', { json: { ids: [] } }),
      422,
      'validation-failed',
    );
  });
});
