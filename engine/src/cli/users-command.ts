/**
 * `relief users create --login <login> --name <name> --roles <r,…> --district <path>` and
 * `relief users list`: people who sign in to the web app, straight in the database of
 * `DATABASE_URL` or `DATA_DIR`. This is how the first admin is made. While a server holds the
 * PGlite folder (one process per folder), `create` goes through that server's API with the owner
 * key kept in the folder instead.
 */
import { readFileSync } from 'node:fs';
import { ownerKeyPath, serverHoldingDataDir } from '../server/data-folder-files.js';
import { EngineError } from '../errors/engine-error.js';
import { createReliefStore, openDatabase } from '../store/index.js';
import type { NewPerson, PersonRecord } from '../store/index.js';
import { readPassword } from './read-password.js';

/** Usage of `relief users`. */
export const USERS_USAGE = `relief users create --login <phone or username> --name <display name> --roles <role,…> --district <path>
relief users list
  the password is read from standard input when piped, or asked for twice
  roles: admin, auditor, integrator, designer, or programme roles (committee, cadre, …)
  e.g. relief users create --login wang.li --name 王丽 --roles admin,committee --district sh/putuo`;

interface Parsed {
  login?: string;
  name?: string;
  roles: string[];
  district?: string;
}

function parse(args: readonly string[]): Parsed {
  const out: Parsed = { roles: [] };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const value = () => {
      const v = args[++i];
      if (v === undefined) throw new Error(`${arg} needs a value`);
      return v;
    };
    if (arg === '--login') out.login = value();
    else if (arg === '--name') out.name = value();
    else if (arg === '--district') out.district = value();
    else if (arg === '--role' || arg === '--roles')
      out.roles.push(
        ...value()
          .split(',')
          .map((r) => r.trim())
          .filter(Boolean),
      );
    else throw new Error(`unknown option '${arg}'`);
  }
  return out;
}

function personLine(p: Pick<PersonRecord, 'id' | 'login' | 'displayName' | 'roles' | 'district'>) {
  return `${p.id}  ${p.login}  ${p.displayName}  ${p.roles.join(',')}  ${p.district}`;
}

async function createOverApi(
  input: NewPerson,
  dataDir: string,
  env: Record<string, string | undefined>,
  out: (line: string) => void,
): Promise<number> {
  const base = env.RELIEF_URL || `http://127.0.0.1:${env.PORT || '8787'}`;
  let key: string;
  try {
    key = readFileSync(ownerKeyPath(dataDir), 'utf8').trim();
  } catch {
    out(
      `the server holds ${dataDir} and there is no owner key in it to use its API; stop the server and try again`,
    );
    return 1;
  }
  const res = await fetch(`${base}/api/v1/people`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: JSON.stringify(input),
  }).catch(() => undefined);
  if (!res) {
    out(`the server holds ${dataDir} but does not answer at ${base}; set RELIEF_URL, or stop it`);
    return 1;
  }
  const body = (await res.json()) as PersonRecord & { detail?: string };
  if (res.status !== 201) {
    out(body.detail ?? `the server answered ${res.status}`);
    return 1;
  }
  out(`created ${personLine(body)} (through the running server at ${base})`);
  return 0;
}

/** Run `relief users …`; returns the exit code. */
export async function usersCommand(
  args: readonly string[],
  out: (line: string) => void,
  env: Record<string, string | undefined> = process.env,
  password: () => Promise<string | undefined> = () => readPassword(),
): Promise<number> {
  const [action, ...rest] = args;
  let parsed: Parsed;
  try {
    parsed = parse(rest);
  } catch (error) {
    out(`${(error as Error).message}\n${USERS_USAGE}`);
    return 2;
  }
  if (action !== 'create' && action !== 'list') {
    out(USERS_USAGE);
    return 2;
  }
  let input: NewPerson | undefined;
  if (action === 'create') {
    const { login, name, district, roles } = parsed;
    if (!login || !name || !district || roles.length === 0) {
      out(`users create needs --login, --name, --roles and --district\n${USERS_USAGE}`);
      return 2;
    }
    const typed = await password();
    if (typed === undefined) {
      out('the two passwords differ; nothing was created');
      return 1;
    }
    input = { login, displayName: name, password: typed, roles, district };
  }
  const databaseUrl = env.DATABASE_URL || undefined;
  const dataDir = env.DATA_DIR || './data';
  const holder = databaseUrl ? undefined : serverHoldingDataDir(dataDir);
  if (holder !== undefined) {
    if (input) return createOverApi(input, dataDir, env, out);
    out(`the server (process ${holder}) has ${dataDir} open: use GET /api/v1/people, or stop it`);
    return 1;
  }
  const database = await openDatabase({ databaseUrl, dataDir });
  try {
    const store = createReliefStore(database);
    if (input) {
      // The command line acts as the owner: any role but `owner`, any district.
      if (input.roles.includes('owner')) {
        out('a person cannot hold the owner role');
        return 1;
      }
      out(`created ${personLine(await store.createPerson(input, { actorId: 'cli' }))}`);
    } else {
      let cursor: string | undefined;
      do {
        const page = await store.listPeople({ cursor, limit: 500 });
        for (const p of page.items) out(personLine(p) + (p.disabled ? '  (disabled)' : ''));
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
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
