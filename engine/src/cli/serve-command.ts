/** `relief serve`: the API server with the embedded database unless `DATABASE_URL` is set. */
import { startServer } from '../server/server.js';
import { createWebhookTargetPolicy, parseAllowedTargets } from '../webhooks/webhook-target.js';
import type { WebhookTargetPolicy } from '../webhooks/webhook-target.js';

/** Start from the environment (`PORT`, `HOST`, `DATABASE_URL`, `DATA_DIR`, `WEBHOOK_ALLOWED_TARGETS`) and stop on SIGTERM/SIGINT. */
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
  const server = await startServer({
    port,
    hostname: env.HOST || '0.0.0.0',
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: env.DATA_DIR || './data',
    webhooks: { targets },
  });
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
