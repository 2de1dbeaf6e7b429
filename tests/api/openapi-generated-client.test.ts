/**
 * The OpenAPI document makes a usable client with the generators integrators use: types generated
 * by `openapi-typescript` (Node API) from the document the real server serves, and the session of
 * `docs/api.md` written against them with `openapi-fetch` (`generated-client/docs-session.ts`),
 * type-checked by the TypeScript compiler with no `any` and no casts, then run against the server.
 * A free-form object typed `Record<string, never>` (no `additionalProperties`) makes the session
 * fail to compile, so this fails when the document regresses.
 */
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import openapiTS, { astToString } from 'openapi-typescript';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer } from './test-server.js';
import type { TestServer } from './test-server.js';
import { startWebhookReceiver } from './webhook-receiver.js';
import type { WebhookReceiver } from './webhook-receiver.js';

const SESSION = fileURLToPath(new URL('generated-client/docs-session.ts', import.meta.url));
const API_DOC = fileURLToPath(new URL('../../docs/api.md', import.meta.url));
// Inside tests/, so the session resolves `openapi-fetch` from tests/node_modules.
const SCRATCH_PARENT = fileURLToPath(new URL('../node_modules/', import.meta.url));

/** The TypeScript example of the "Generated clients" section of docs/api.md. */
function docsExample(): string {
  const text = readFileSync(API_DOC, 'utf8');
  const section = text.slice(text.indexOf('\n## Generated clients\n'));
  const example = /```ts\n([\s\S]*?)```/.exec(section)?.[1];
  if (!example) throw new Error('docs/api.md has no TypeScript example under "Generated clients"');
  return example;
}

/** Casts, non-null assertions, `any` and compiler directives: what an integrator should not need. */
function escapes(source: ts.SourceFile): string[] {
  const found: string[] = [];
  const where = (node: ts.Node) => {
    const { line } = source.getLineAndCharacterOfPosition(node.getStart(source));
    return `line ${line + 1}: ${node.getText(source).slice(0, 60)}`;
  };
  const visit = (node: ts.Node) => {
    if (
      ts.isAsExpression(node) ||
      ts.isTypeAssertionExpression(node) ||
      ts.isNonNullExpression(node) ||
      node.kind === ts.SyntaxKind.AnyKeyword
    )
      found.push(where(node));
    ts.forEachChild(node, visit);
  };
  visit(source);
  for (const [i, line] of source.text.split('\n').entries())
    if (/@ts-(ignore|expect-error|nocheck)|eslint-disable/.test(line))
      found.push(`line ${i + 1}: ${line.trim()}`);
  return found;
}

describe('a client generated from the served OpenAPI document', () => {
  let server: TestServer;
  let receiver: WebhookReceiver;
  let scratch: string;
  beforeAll(async () => {
    server = await startTestServer('pglite');
    receiver = await startWebhookReceiver();
    scratch = mkdtempSync(join(SCRATCH_PARENT, '.generated-client-'));
  });
  afterAll(async () => {
    await server?.close();
    await receiver?.close();
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  });

  it('types the docs/api.md example and session without casts, and the session runs', async () => {
    const served = await fetch(`${server.url}/api/v1/openapi.json`);
    expect(served.status).toBe(200);
    const document: unknown = await served.json();
    const generated = astToString(await openapiTS(document as Parameters<typeof openapiTS>[0]));
    // The free-form objects (params, data, payload, …) are open objects, not empty ones.
    expect(generated).not.toMatch(/(params|data|payload)\??: Record<string, never>/);
    writeFileSync(join(scratch, 'relief-api.ts'), generated);
    const session = join(scratch, 'docs-session.ts');
    copyFileSync(SESSION, session);
    const example = join(scratch, 'docs-example.ts');
    writeFileSync(example, docsExample());
    // An ES module, as the integrator's project would be.
    writeFileSync(join(scratch, 'package.json'), '{"type":"module"}');

    const program = ts.createProgram([session, example], {
      strict: true,
      noUncheckedIndexedAccess: true,
      exactOptionalPropertyTypes: true,
      noImplicitAny: true,
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      lib: ['lib.es2023.d.ts', 'lib.dom.d.ts'],
      types: [],
      skipLibCheck: true,
      outDir: join(scratch, 'out'),
    });
    const diagnostics = ts
      .getPreEmitDiagnostics(program)
      .map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    expect(diagnostics).toEqual([]);
    expect(escapes(program.getSourceFile(session)!)).toEqual([]);
    expect(escapes(program.getSourceFile(example)!)).toEqual([]);

    const emitted = program.emit();
    expect(emitted.emitSkipped).toBe(false);
    const { replayDocsSession } = (await import(
      pathToFileURL(join(scratch, 'out', 'docs-session.js')).href
    )) as {
      replayDocsSession: (
        baseUrl: string,
        ownerKey: string,
        webhookUrl: string,
      ) => Promise<Record<string, unknown>>;
    };
    const summary = await replayDocsSession(server.url, server.ownerKey, receiver.url);
    expect(summary).toMatchObject({
      health: 'ok',
      programme: { params: { minAge: 80 } },
      imported: { rows: 2, created: 1, failed: 1, firstError: '/age' },
      opened: { state: 'applied', etag: '"1"' },
      worklist: expect.arrayContaining(['LM-1', 'LM-3']),
      sent: { state: 'enrolled.prepared', replayed: false },
      retried: { replayed: true, header: 'true' },
      history: ['(open)', 'review'],
    });
  });
});
