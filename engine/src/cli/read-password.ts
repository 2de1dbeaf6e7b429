/**
 * A password for the command line: the first line of standard input when it is piped (scripts,
 * `printf … | relief users create …`), or typed twice at a prompt that does not echo it.
 */
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';

async function firstLine(input: Readable): Promise<string> {
  let text = '';
  for await (const chunk of input) {
    text += (chunk as Buffer).toString('utf8');
    if (text.includes('\n')) break;
  }
  return text.split(/\r?\n/)[0] ?? '';
}

function ask(question: string, input: Readable, output: Writable): Promise<string> {
  return new Promise((resolve) => {
    const rl = createInterface({ input, output, terminal: true });
    // Echo nothing of what is typed.
    (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput = (s: string) => {
      if (s.startsWith(question)) output.write(question);
    };
    rl.question(question, (answer) => {
      rl.close();
      output.write('\n');
      resolve(answer);
    });
  });
}

/** Read a password from piped stdin, or prompt twice on a terminal; undefined if they differ. */
export async function readPassword(
  input: Readable & { isTTY?: boolean } = process.stdin,
  output: Writable = process.stderr,
): Promise<string | undefined> {
  if (!input.isTTY) return firstLine(input);
  const first = await ask('password: ', input, output);
  const second = await ask('again: ', input, output);
  return first === second ? first : undefined;
}
