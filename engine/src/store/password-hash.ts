/**
 * Passwords: argon2id (memory-hard) through `@node-rs/argon2`, a prebuilt native binding that runs
 * off the event loop. Parameters are OWASP's first choice for argon2id (19 MiB, 2 passes, 1 lane);
 * they are written into each hash, so raising them later keeps old hashes verifiable.
 */
import { hash, verify } from '@node-rs/argon2';

/** Shortest password accepted (NIST SP 800-63B asks for at least 8). */
export const MIN_PASSWORD_LENGTH = 10;

/** Longest password accepted: long enough for any passphrase, short enough to bound the work. */
export const MAX_PASSWORD_LENGTH = 200;

// The library's default algorithm is argon2id (its \`Algorithm\` is a const enum, which this
// build's isolated modules cannot read); \`password-hash.test.ts\` checks the stored prefix.
const OPTIONS = { memoryCost: 19_456, timeCost: 2, parallelism: 1 };

/** The stored form of a password (`$argon2id$v=19$m=19456,t=2,p=1$salt$hash`). */
export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

/** Does `password` match the stored hash? A malformed hash is a mismatch, never an exception. */
export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}

/**
 * A hash of a password nobody has, verified when a login is unknown, so an unknown login takes as
 * long to refuse as a wrong password and timing tells nothing about which logins exist.
 */
let decoy: Promise<string> | undefined;
export function decoyHash(): Promise<string> {
  return (decoy ??= hashPassword('decoy password that matches no one'));
}
