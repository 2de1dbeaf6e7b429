import { describe, expect, it } from 'vitest';
import { createApiClient } from './api-client.js';
import { ProblemError } from './problem-error.js';

function fakeFetch(routes: Record<string, (init: RequestInit) => Response>) {
  const calls: { url: string; init: RequestInit }[] = [];
  const fetch = (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    calls.push({ url, init });
    const route = routes[`${init.method ?? 'GET'} ${url}`];
    return Promise.resolve(
      route
        ? route(init)
        : new Response('{"title":"Not Found"}', {
            status: 404,
            headers: { 'Content-Type': 'application/problem+json' },
          }),
    );
  };
  return { fetch: fetch, calls };
}
const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

describe('api client', () => {
  it('sends the bearer key and YAML bodies to the documented paths', async () => {
    const { fetch, calls } = fakeFetch({
      'POST /api/v1/templates': () => json({ id: 'love-meals', version: 2, status: 'draft' }, 201),
      'POST /api/v1/templates/love-meals/versions/2/publish': () =>
        json({ id: 'love-meals', version: 2, status: 'published' }),
      'GET /api/v1/templates/love-meals/versions/2': () =>
        json({ id: 'love-meals', version: 2, status: 'published', source: 'dsl: relief/v1\n' }),
    });
    const api = createApiClient({ key: () => 'k-123', fetch });
    expect(await api.saveDraft('dsl: relief/v1\n')).toEqual({
      id: 'love-meals',
      version: 2,
      status: 'draft',
    });
    await api.publish('love-meals', 2);
    expect(await api.getVersion('love-meals', 2)).toMatchObject({
      status: 'published',
      source: 'dsl: relief/v1\n',
    });
    expect(new Headers(calls[0]!.init.headers).get('Authorization')).toBe('Bearer k-123');
    expect(new Headers(calls[0]!.init.headers).get('Content-Type')).toBe('application/yaml');
    expect(calls[0]!.init.body).toBe('dsl: relief/v1\n');
  });

  it('reads the server list (latest and published versions) and the versions of one template', async () => {
    const { fetch } = fakeFetch({
      'GET /api/v1/templates': () =>
        json({
          items: [
            {
              id: 'love-meals',
              title: { zh: '爱心餐', en: 'Love meals' },
              latestVersion: 3,
              publishedVersion: 2,
            },
          ],
        }),
      'GET /api/v1/templates/love-meals': () =>
        json({
          templateId: 'love-meals',
          version: 3,
          status: 'draft',
          source: 'x',
          versions: [
            { version: 3, status: 'draft' },
            { version: 1, status: 'published' },
            { version: 2, status: 'published' },
          ],
        }),
    });
    const api = createApiClient({ key: () => 'k', fetch });
    expect((await api.listTemplates())[0]).toMatchObject({
      id: 'love-meals',
      latestVersion: 3,
      versions: [
        { version: 2, status: 'published' },
        { version: 3, status: 'draft' },
      ],
    });
    expect((await api.getVersions('love-meals')).map((v) => v.version)).toEqual([1, 2, 3]);
    expect(await api.getLatest('love-meals')).toMatchObject({
      id: 'love-meals',
      version: 3,
      source: 'x',
    });
  });

  it('reads lists bare or wrapped, one row per template or per version', async () => {
    const { fetch } = fakeFetch({
      'GET /api/v1/templates': () =>
        json({
          items: [
            { id: 'a', version: 1, status: 'published' },
            { id: 'a', version: 2 },
            { id: 'b', latestVersion: 3, versions: [{ version: 3, status: 'draft' }] },
          ],
        }),
    });
    const list = await createApiClient({ key: () => undefined, fetch }).listTemplates();
    expect(
      list.map((t) => [t.id, t.latestVersion, t.versions.map((v) => `${v.version}${v.status[0]}`)]),
    ).toEqual([
      ['a', 2, ['1p', '2d']],
      ['b', 3, ['3d']],
    ]);
  });

  it('turns problem+json into a ProblemError with located findings', async () => {
    const { fetch } = fakeFetch({
      'POST /api/v1/templates': () =>
        json(
          {
            title: 'Unprocessable',
            detail: 'template has 1 error',
            errors: [
              {
                line: 31,
                col: 19,
                pointer: '/states/a/on/x',
                code: 'unknown-target',
                message: "target 'rejectd' is not a state",
              },
            ],
          },
          422,
        ),
    });
    const error = await createApiClient({ key: () => 'k', fetch })
      .saveDraft('x')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProblemError);
    expect((error as ProblemError).status).toBe(422);
    expect((error as ProblemError).detail).toBe('template has 1 error');
    expect((error as ProblemError).lines()).toEqual([
      "31:19 target 'rejectd' is not a state [unknown-target]",
    ]);
  });
});
