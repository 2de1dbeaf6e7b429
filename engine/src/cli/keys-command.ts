/**
 * `relief keys create --role <role>… --district <path|*> [--label <text>]`, `relief keys list`,
 * `relief keys revoke <id>`: API keys, straight in the database of `DATABASE_URL` or `DATA_DIR`.
 */
import { serverHoldingDataDir } from '../server/data-folder-files.js';
import { createReliefStore, openDatabase } from '../store/index.js';
import { EngineError } from '../errors/engine-error.js';

/** Usage of `relief keys`. */
export const KEYS_USAGE = `relief keys create --role <role> [--role <role>…] --district <path|*> [--label <text>]
relief keys list
relief keys revoke <key-id>
  roles: designer, admin, auditor, integrator, or programme roles (committee, courier, …)
  --district sh/putuo covers sh/putuo/changzheng; * means every district`;

function options(args: readonly string[]): {
  roles: string[];
  district?: string;
  label?: string;
  rest: string[];
} {
  const out: { roles: string[]; district?: string; label?: string; rest: string[] } = {
    roles: [],
    rest: [],
  };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const value = () => {
      const v = args[++i];
      if (v === undefined) throw new Error(`${arg} needs a value`);
      return v;
    };
    if (arg === '--role' || arg === '--roles')
      out.roles.push(
        ...value()
          .split(',')
          .map((r) => r.trim())
          .filter(Boolean),
      );
    else if (arg === '--district') out.district = value();
    else if (arg === '--label') out.label = value();
    else out.rest.push(arg);
  }
  return out;
}

/** Run `relief keys …`; returns the exit code. */
export async function keysCommand(
  args: readonly string[],
  out: (line: string) => void,
  env: Record<string, string | undefined> = process.env,
): Promise<number> {
  const [action, ...rest] = args;
  let parsed;
  try {
    parsed = options(rest);
  } catch (error) {
    out(`${(error as Error).message}\n${KEYS_USAGE}`);
    return 2;
  }
  if (action === 'create' && (parsed.roles.length === 0 || parsed.district === undefined)) {
    out(`keys create needs --role and --district\n${KEYS_USAGE}`);
    return 2;
  }
  if (
    !['create', 'list', 'revoke'].includes(action ?? '') ||
    (action === 'revoke' && parsed.rest.length !== 1)
  ) {
    out(KEYS_USAGE);
    return 2;
  }
  const databaseUrl = env.DATABASE_URL || undefined;
  const dataDir = env.DATA_DIR || './data';
  const holder = databaseUrl ? undefined : serverHoldingDataDir(dataDir);
  if (holder !== undefined) {
    out(
      `the server (process ${holder}) has ${dataDir} open, and PGlite allows one process per folder: stop it first, or create the key over the API (POST /api/v1/keys with an admin key)`,
    );
    return 1;
  }
  const database = await openDatabase({ databaseUrl, dataDir });
  try {
    const store = createReliefStore(database);
    if (action === 'create') {
      const { record, key } = await store.createApiKey({
        roles: parsed.roles,
        district: parsed.district === '*' ? '' : parsed.district!,
        label: parsed.label,
      });
      out(
        `key ${record.id} (${record.roles.join(', ')} in ${record.district || 'every district'}) — shown once:\n${key}`,
      );
    } else if (action === 'list') {
      for (const k of await store.listApiKeys())
        out(
          `${k.id}  ${k.roles.join(',')}  ${k.district || '*'}  ${k.label ?? ''}${k.revokedAt ? '  (revoked)' : ''}`,
        );
    } else {
      const k = await store.revokeApiKey(parsed.rest[0]!);
      out(`revoked ${k.id}`);
    }
    return 0;
  } catch (error) {
    if (!(error instanceof EngineError)) throw error;
    out(error.message);
    return 1;
  } finally {
    await database.close();
  }
}
