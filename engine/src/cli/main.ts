/** The `relief` command line: `validate`, and (with the runtime and API) `serve`, `keys`, `users` and `import`. */
import { validateCommand } from './validate-command.js';

const USAGE = `relief <command>
  validate [--json] <file.yaml…>   check templates; prints file:line:col: severity: message [code]
  serve                            start the API server (PORT, DATABASE_URL or DATA_DIR)
  keys create|list|revoke …        manage API keys (relief keys for details)
  users create|list …              people who sign in to the web app (relief users for details)
  import <programme> <file> …      open cases from a CSV or NDJSON roster (relief import for details)
  backup <file> [--force]          archive the embedded database (also while the server runs)
  restore <file> [--force]         make DATA_DIR from an archive (server stopped)`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const print = (line: string) => process.stdout.write(line + '\n');
  switch (command) {
    case 'validate': {
      const json = rest.includes('--json');
      return validateCommand(
        rest.filter((a) => a !== '--json'),
        { json },
        print,
      );
    }
    // Loaded on demand: `validate` should not pay for the database and HTTP modules.
    case 'serve':
      return (await import('./serve-command.js')).serveCommand();
    case 'keys':
      return (await import('./keys-command.js')).keysCommand(rest, print);
    case 'users':
      return (await import('./users-command.js')).usersCommand(rest, print);
    case 'import':
      return (await import('./import-command.js')).importCommand(rest, print);
    case 'backup':
      return (await import('./backup-command.js')).backupCommand(rest, print);
    case 'restore':
      return (await import('./backup-command.js')).restoreCommand(rest, print);
    case undefined:
    case 'help':
    case '--help':
      print(USAGE);
      return command === undefined ? 2 : 0;
    default:
      process.stderr.write(`unknown command '${command}'\n${USAGE}\n`);
      return 2;
  }
}

process.exitCode = await main(process.argv.slice(2));
