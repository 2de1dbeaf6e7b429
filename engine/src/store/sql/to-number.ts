/** Numbers from either driver: PGlite returns int8 as a number, postgres.js as a string; numeric is a string on both. */
export function toNumber(value: unknown): number {
  return typeof value === 'number' ? value : Number(value);
}
