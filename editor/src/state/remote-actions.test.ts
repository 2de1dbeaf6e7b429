/** Open, save, publish and compare through the web app's client against the real server. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addState } from '../model/state-operations.js';
import { readShipped } from '../test-support/shipped-templates.js';
import { startRealServer } from '../test-support/real-server.js';
import type { RealServer } from '../test-support/real-server.js';
import { createEditorStore } from './editor-store.js';
import { createRemoteActions } from './remote-actions.js';

/** The shipped template as a new id, so the server has no version of it yet. */
const freshTemplate = () =>
  readShipped('love-meals').replace(/^id: love-meals$/m, 'id: love-meals-trial');

describe('remote actions', () => {
  let server: RealServer;
  beforeAll(async () => {
    server = await startRealServer();
  });
  afterAll(() => server?.close());

  it('saves, publishes, and saves the next edit as the next version', async () => {
    const store = createEditorStore(freshTemplate());
    const remote = createRemoteActions(store, server.api);
    await remote.publish();
    expect(store.getState().notice!.text).toBe('v1 已发布，可用于开展项目');
    expect(await remote.getVersions('love-meals-trial')).toEqual([
      { version: 1, status: 'published' },
    ]);
    store.getState().edit((doc) => addState(doc, { key: 'waitlisted' }));
    await remote.saveDraft();
    expect(store.getState().source).toMatch(/^version: 2$/m);
    expect(store.getState().remote).toMatchObject({
      id: 'love-meals-trial',
      version: 2,
      status: 'draft',
    });
    expect(await remote.getVersions('love-meals-trial')).toEqual([
      { version: 1, status: 'published' },
      { version: 2, status: 'draft' },
    ]);
    const listed = await remote.listTemplates();
    expect(listed?.find((t) => t.id === 'love-meals-trial')).toMatchObject({
      latestVersion: 2,
      publishedVersion: 1,
    });
    await remote.open('love-meals-trial', 1);
    expect(store.getState().source).toBe(freshTemplate());
    await remote.compare('love-meals-trial', 1, 2);
    expect(store.getState().diff!.result.status.get('waitlisted')).toBe('added');
  });

  it('refuses a stale save: two designers on one draft, the second is told who saved first', async () => {
    const id = 'love-meals-stale';
    const source = readShipped('love-meals').replace(/^id: love-meals$/m, `id: ${id}`);
    const first = createEditorStore(source);
    await createRemoteActions(first, server.api).saveDraft();
    const [a, b] = [createEditorStore(source), createEditorStore(source)];
    const [ra, rb] = [createRemoteActions(a, server.api), createRemoteActions(b, server.api)];
    await ra.open(id, 1);
    await rb.open(id, 1);
    a.getState().edit((doc) => addState(doc, { key: 'fromA' }));
    b.getState().edit((doc) => addState(doc, { key: 'fromB' }));
    expect(await ra.saveDraft()).toBeDefined();
    expect(await rb.saveDraft()).toBeUndefined();
    expect(b.getState().notice).toMatchObject({ kind: 'error' });
    expect(b.getState().notice!.text).toMatch(/^未保存：v1 在您打开后已被 .+ 保存/);
    await rb.open(id, 1);
    expect(b.getState().source).toContain('fromA:');
  });

  it('refuses to save a template with errors, and shows server problems with their findings', async () => {
    const broken = freshTemplate().replace('target: rejected', 'target: rejectd');
    const store = createEditorStore(broken);
    const remote = createRemoteActions(store, server.api);
    await remote.saveDraft();
    expect(store.getState().notice).toMatchObject({
      kind: 'error',
      text: '模板还有错误，请先修正',
    });
    // Version 1 of love-meals is published on the server: storing it again is refused.
    store.getState().load(readShipped('love-meals'), {
      id: 'love-meals',
      version: 1,
      status: 'draft',
      savedSource: '',
      etag: '"love-meals.1.1"',
    });
    await remote.saveDraft();
    expect(store.getState().notice).toMatchObject({ kind: 'error' });
    expect(store.getState().notice!.text).toBe(
      '服务器未接受：这一版已经发布，不能再修改（保存会成为下一版）',
    );
    // Without an ETag the editor means a new template: an id that exists is refused, not replaced.
    store.getState().load(readShipped('love-meals').replace(/^version: 1$/m, 'version: 8'));
    await remote.saveDraft();
    expect(store.getState().notice!.text).toMatch(/^未保存：已有编号为“love-meals”的模板/);
    const locked = createRemoteActions(store, server.clientWith(''));
    // The Open dialog says why the list is empty: the refusal reaches it.
    await expect(locked.listTemplates()).rejects.toMatchObject({ status: 401 });
    await locked.open('love-meals');
    expect(store.getState().notice!.text).toMatch(/^服务器需要访问密钥/);
  });
});
