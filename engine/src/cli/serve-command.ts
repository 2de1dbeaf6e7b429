/** `relief serve`: the API server with the embedded database unless `DATABASE_URL` is set. */
import { DataFolderInUseError } from '../server/data-folder-files.js';
import { startServer } from '../server/server.js';
import type { RunningServer } from '../server/server.js';
import { createWebhookTargetPolicy, parseAllowedTargets } from '../webhooks/webhook-target.js';
import type { WebhookTargetPolicy } from '../webhooks/webhook-target.js';

/**
 * Start from the environment (`PORT`, `HOST`, `DATABASE_URL`, `DATA_DIR`, `WEBHOOK_ALLOWED_TARGETS`,
 * `PUSH_SUBJECT`) and stop on SIGTERM/SIGINT.
 */
export async function serveCommand(
  env: Record<string, string | undefined> = process.env,
): Promise<number> {
  const port = env.PORT ? Number(env.PORT) : 8787;
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    process.stderr.write(`PORT must be a port number, not '${env.PORT}'\n`);
    return 2;
  }
  let targets: WebhookTargetPolicy;
  try {
    targets = createWebhookTargetPolicy(parseAllowedTargets(env.WEBHOOK_ALLOWED_TARGETS));
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    return 2;
  }
  const subject = env.PUSH_SUBJECT;
  if (subject && !/^(mailto:[^\s@]+@[^\s@]+|https:\/\/\S+)$/.test(subject)) {
    process.stderr.write(
      `PUSH_SUBJECT must be a mailto: address or an https: URL (who runs this server, for the push services), not '${subject}'\n`,
    );
    return 2;
  }
  let server: RunningServer;
  try {
    server = await startServer({
      port,
      hostname: env.HOST || '127.0.0.1',
      databaseUrl: env.DATABASE_URL || undefined,
      dataDir: env.DATA_DIR || './data',
      webhooks: { targets },
      push: { subject: env.PUSH_SUBJECT || undefined },
    });
  } catch (error) {
    // A refusal the operator can act on is one line, not a stack trace.
    if (error instanceof DataFolderInUseError) {
      process.stderr.write(`${error.message}\n`);
      return 1;
    }
    throw error;
  }
  await new Promise<void>((resolve) => {
    const stop = () => {
      process.off('SIGTERM', stop);
      process.off('SIGINT', stop);
      void server.close().then(resolve, (error: unknown) => {
        process.stderr.write(`shutdown failed: ${String(error)}\n`);
        resolve();
      });
    };
    process.on('SIGTERM', stop);
    process.on('SIGINT', stop);
  });
  return 0;
}
