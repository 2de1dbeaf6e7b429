/**
 * Case ids: time-ordered UUIDs (RFC 9562 version 7), increasing within this process.
 *
 * Why not `randomUUID()` (version 4): a case id keys `cases_pkey` and leads the two history
 * indexes, so random ids put every new case on a random leaf page of three large B-trees. An
 * import of 10,000 rows then touched thousands of pages, each written whole to the WAL after a
 * checkpoint; time-ordered ids all land at the right edge of each index (measured in
 * docs/performance.md, "Ninth session": WAL per row 3,000–3,400 → 2,100 bytes, the insert
 * statement a third faster). An id shows when its case was opened, to the millisecond, which the
 * case record shows anyway (`createdAt`); the other 74 bits stay unpredictable (42 of them random
 * at each new millisecond, then counted up; the last 32 random for every id).
 *
 * Why not the `uuid` package's `v7()`: it asks `crypto.getRandomValues` for 16 bytes per id,
 * 5.6–6.2 µs each on the development machine against 0.13 µs for `randomUUID()`; bytes are taken
 * here from a pool filled 4 kB at a time.
 */
import { randomFillSync } from 'node:crypto';

const pool = Buffer.alloc(4096);
let poolAt = pool.length;

/** `n` random bytes' offset in the pool (refilled when spent). */
function take(n: number): number {
  if (poolAt + n > pool.length) {
    randomFillSync(pool);
    poolAt = 0;
  }
  const at = poolAt;
  poolAt += n;
  return at;
}

/** Counter bits: the 12 of `rand_a` and the top 30 of `rand_b` (RFC 9562 §6.2, method 1). */
const COUNTER_BITS = 42;
const COUNTER_LIMIT = 2 ** COUNTER_BITS;
let lastMs = -1;
let counter = 0;

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** A new case id; each one this process makes sorts after the one before. */
export function newCaseId(now: number = Date.now()): string {
  if (now > lastMs) {
    lastMs = now;
    // A random start with its top bit clear, so the millisecond has room to count up.
    const at = take(6);
    counter = pool.readUIntBE(at, 6) % (COUNTER_LIMIT / 2);
  } else if (++counter >= COUNTER_LIMIT) {
    // The same millisecond (or the clock went back): the counter goes on from the last id; once
    // it runs out (2^41 ids after its start), the ids go on in the next millisecond.
    lastMs += 1;
    counter = 0;
  }
  const tail = take(4);
  const ms = lastMs;
  const hi = Math.floor(counter / 2 ** 30); // top 12 bits of the counter: rand_a
  const lo = counter % 2 ** 30; // next 30: the top of rand_b, under its variant bits
  const b = [
    Math.floor(ms / 2 ** 40) & 0xff,
    Math.floor(ms / 2 ** 32) & 0xff,
    Math.floor(ms / 2 ** 24) & 0xff,
    Math.floor(ms / 2 ** 16) & 0xff,
    Math.floor(ms / 2 ** 8) & 0xff,
    ms & 0xff,
    0x70 | (hi >>> 8),
    hi & 0xff,
    0x80 | (lo >>> 24),
    (lo >>> 16) & 0xff,
    (lo >>> 8) & 0xff,
    lo & 0xff,
    pool[tail]!,
    pool[tail + 1]!,
    pool[tail + 2]!,
    pool[tail + 3]!,
  ].map((byte) => HEX[byte]!);
  return `${b[0]}${b[1]}${b[2]}${b[3]}-${b[4]}${b[5]}-${b[6]}${b[7]}-${b[8]}${b[9]}-${b[10]}${b[11]}${b[12]}${b[13]}${b[14]}${b[15]}`;
}
