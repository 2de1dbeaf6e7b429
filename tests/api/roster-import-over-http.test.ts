/**
 * Roster imports over real HTTP (issue 11): a `district` column (CSV) or field (NDJSON) places each
 * case in a district below the programme's, and a district outside it is refused for its row only.
 * Issue 10, item 11: the answer is bounded (a 100,000-row import once answered 10 MB, every case
 * listed): counts of every row, the first 1,000 cases, and a cursor that pages the rest.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect } from './api-client.js';
import type { ApiClient } from './api-client.js';
import { createKey } from './api-fixtures.js';
import { DATABASES, startTestServer } from './test-server.js';
import type { TestServer } from './test-server.js';

describe.each(DATABASES)('roster import over HTTP (%s)', (kind) => {
  let t: TestServer;
  let api: ApiClient;
  let admin: string;
  let programme: string;

  beforeAll(async () => {
    t = await startTestServer(kind);
    ({ api } = await connect(t.url));
    admin = await createKey(api, t.ownerKey, ['admin'], 'sh/putuo');
    const started = await api.post('/api/v1/programmes', admin, {
      template: 'love-meals',
      district: 'sh/putuo',
    });
    expect(started.status, started.text).toBe(201);
    programme = started.body.id as string;
  });

  afterAll(async () => {
    await t?.close();
  });

  const importBody = (body: string, type: string) =>
    api.request('POST', `/api/v1/programmes/${programme}/cases/import`, { key: admin, body, type });

  const districtOf = async (id: string) =>
    (await api.get(`/api/v1/cases/${id}`, admin)).body.district as string;

  it('places CSV rows in the district their `district` column names', async () => {
    const roster = [
      'ref,name,age,address,district',
      'D-1,王阿婆,85,梅岭北路 3 号,sh/putuo/changzheng',
      'D-2,李老伯,78,梅岭北路 5 号,',
      'D-3,张阿姨,75,梅岭北路 7 号,sh/jingan',
    ].join('\n');
    const res = await importBody(roster, 'text/csv');
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({ rows: 3, created: 2, failed: 1 });
    expect(res.body.errors).toEqual([
      expect.objectContaining({
        row: 3,
        ref: 'D-3',
        code: 'validation-failed',
        errors: [expect.objectContaining({ path: '/district' })],
      }),
    ]);
    const [first, second] = res.body.cases as { id: string }[];
    expect(await districtOf(first!.id)).toBe('sh/putuo/changzheng');
    expect(await districtOf(second!.id)).toBe('sh/putuo');
  });

  it('places NDJSON lines in their `district`', async () => {
    const line = {
      ref: 'N-1',
      district: 'sh/putuo/wanli',
      data: { name: '赵', age: 90, address: 'x' },
    };
    const res = await importBody(`${JSON.stringify(line)}\n`, 'application/x-ndjson');
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({ rows: 1, created: 1, failed: 0 });
    expect(await districtOf((res.body.cases as { id: string }[])[0]!.id)).toBe('sh/putuo/wanli');
  });

  it('checks districts in a dry run too', async () => {
    const res = await api.request(
      'POST',
      `/api/v1/programmes/${programme}/cases/import?dryRun=true`,
      { key: admin, body: 'name,age,address,district\n王,85,x,elsewhere\n', type: 'text/csv' },
    );
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({ dryRun: true, created: 0, failed: 1 });
  });

  it('answers a 2,500-row import with counts, the first 1,000 cases and a cursor to the rest', async () => {
    const lines = Array.from({ length: 2500 }, (_, i) =>
      JSON.stringify({ ref: `B-${i}`, data: { name: `n${i}`, age: 80, address: 'x' } }),
    );
    lines.splice(1500, 0, JSON.stringify({ ref: 'B-bad', data: { name: 'x', age: 'old' } }));
    const res = await importBody(lines.join('\n'), 'application/x-ndjson');
    expect(res.status, res.text.slice(0, 300)).toBe(200);
    expect(res.body).toMatchObject({
      rows: 2501,
      created: 2500,
      failed: 1,
      casesTruncated: true,
      errorsTruncated: false,
    });
    const listed = res.body.cases as { ref: string; row: number }[];
    expect(listed).toHaveLength(1000);
    expect(listed.at(-1)).toMatchObject({ ref: 'B-999', row: 1000 });
    expect(res.body.errors).toEqual([expect.objectContaining({ row: 1501, ref: 'B-bad' })]);
    // 1,000 listed cases, not 2,500: the answer does not grow with the file.
    expect(res.text.length).toBeLessThan(150_000);

    // The cursor lists exactly the cases not listed, in file order, each once.
    const rest: string[] = [];
    for (let cursor = res.body.casesCursor as string | null; cursor !== null;) {
      const page = await api.get(
        `/api/v1/programmes/${programme}/cases?limit=500&cursor=${cursor}`,
        admin,
      );
      expect(page.status, page.text).toBe(200);
      rest.push(...(page.body.items as { ref: string }[]).map((c) => c.ref));
      cursor = page.body.nextCursor as string | null;
    }
    expect(rest).toEqual(Array.from({ length: 1500 }, (_, i) => `B-${i + 1000}`));

    // A dry run opens nothing, so there is nothing to page: counts and the first rows only.
    const dry = await api.request(
      'POST',
      `/api/v1/programmes/${programme}/cases/import?dryRun=true&dedupe=ref`,
      { key: admin, body: lines.join('\n'), type: 'application/x-ndjson' },
    );
    expect(dry.status, dry.text.slice(0, 300)).toBe(200);
    expect(dry.body).toMatchObject({ skipped: 2500, casesTruncated: true, casesCursor: null });
    expect(dry.body.cases).toHaveLength(1000);
  });
});
