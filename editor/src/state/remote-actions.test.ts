import { describe, expect, it } from 'vitest';
import type { ApiClient, TemplateVersion } from '../api/api-client.js';
import { ProblemError } from '../api/problem-error.js';
import { addState } from '../model/state-operations.js';
import { readShipped } from '../test-support/shipped-templates.js';
import { createEditorStore } from './editor-store.js';
import { createRemoteActions } from './remote-actions.js';

/** An API stand-in keeping versions in memory, as the server does. */
function memoryApi() {
  const versions: TemplateVersion[] = [];
  const api = {
    listTemplates: () => Promise.resolve([]),
    getLatest: (id: string) =>
      Promise.resolve(
        versions.filter((v) => v.id === id).sort((a, b) => b.version - a.version)[0]!,
      ),
    getVersion: (id: string, v: number) =>
      Promise.resolve(versions.find((x) => x.id === id && x.version === v)!),
    getVersions: () =>
      Promise.resolve(versions.map(({ version, status }) => ({ version, status }))),
    saveDraft: (source: string) => {
      const version = Number(/^version: (\d+)/m.exec(source)![1]);
      if (versions.some((v) => v.version === version && v.status === 'published'))
        return Promise.reject(new ProblemError(409, 'Conflict', 'version is published', []));
      versions.push({ id: 'love-meals', version, status: 'draft', source });
      return Promise.resolve({ id: 'love-meals', version, status: 'draft' as const });
    },
    publish: (_id: string, v: number) => {
      versions.find((x) => x.version === v)!.status = 'published';
      return Promise.resolve();
    },
    validate: () => Promise.resolve({}),
  } satisfies ApiClient;
  return { api, versions };
}

describe('remote actions', () => {
  it('saves, publishes, and saves the next edit as the next version', async () => {
    const { api, versions } = memoryApi();
    const store = createEditorStore(readShipped('love-meals'));
    const remote = createRemoteActions(store, api);
    await remote.publish();
    expect(versions.map((v) => [v.version, v.status])).toEqual([[1, 'published']]);
    expect(store.getState().notice!.text).toBe('v1 已发布，可用于开展项目');
    store.getState().edit((doc) => addState(doc, { key: 'waitlisted' }));
    await remote.saveDraft();
    expect(store.getState().source).toMatch(/^version: 2$/m);
    expect(store.getState().remote).toMatchObject({ version: 2, status: 'draft' });
    await remote.open('love-meals', 1);
    expect(store.getState().source).toBe(readShipped('love-meals'));
    await remote.compare('love-meals', 1, 2);
    expect(store.getState().diff!.result.status.get('waitlisted')).toBe('added');
  });

  it('refuses to save a template with errors, and shows server problems with their findings', async () => {
    const { api } = memoryApi();
    const broken = readShipped('love-meals').replace('target: rejected', 'target: rejectd');
    const store = createEditorStore(broken);
    const remote = createRemoteActions(store, {
      ...api,
      saveDraft: () =>
        Promise.reject(
          new ProblemError(422, 'Unprocessable', 'invalid', [
            { line: 3, col: 4, message: 'bad', code: 'x' },
          ]),
        ),
    });
    await remote.saveDraft();
    expect(store.getState().notice).toMatchObject({
      kind: 'error',
      text: '模板还有错误，请先修正',
    });
    store.getState().load(readShipped('love-meals'));
    await remote.saveDraft();
    expect(store.getState().notice).toMatchObject({
      kind: 'error',
      text: '服务器未接受：422 invalid',
      details: ['3:4 bad [x]'],
    });
    const locked = createRemoteActions(store, {
      ...api,
      listTemplates: () => Promise.reject(new ProblemError(401, 'Unauthorized', undefined, [])),
    });
    await locked.listTemplates();
    expect(store.getState().notice!.text).toMatch(/^服务器需要访问密钥/);
  });
});
