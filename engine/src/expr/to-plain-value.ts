/**
 * CEL values → plain JS, so nothing downstream sees BigInt or cel-js classes: ints become numbers
 * (refused beyond 2^53, where a number would silently lose digits), timestamps stay Dates,
 * durations become milliseconds, lists arrays and maps objects. Infinity and NaN are refused;
 * decimals lose the binary noise beyond 15 significant digits.
 */
import { Duration, UnsignedInt } from '@marcbachmann/cel-js/evaluator';

/**
 * Binary doubles turn 0.1 + 0.2 into 0.30000000000000004; sums of money in `set` would drift off the
 * fen. Like a spreadsheet, keep 15 significant digits (all a double holds reliably), which gives
 * back the decimal a person would write. Whole numbers are kept as they are.
 */
const DECIMAL_DIGITS = 15;

/** Why a value could not be made plain; the caller turns it into an ExprEvalError. */
export class NotPlainError extends Error {}

/** A plain JS copy of a CEL result. */
export function toPlainValue(value: unknown): unknown {
  switch (typeof value) {
    case 'bigint':
      return safeNumber(value);
    case 'number':
      if (!Number.isFinite(value))
        throw new NotPlainError(
          `the result is not a finite number (${value}); is something divided by zero?`,
        );
      return Number.isInteger(value) ? value : Number(value.toPrecision(DECIMAL_DIGITS));
    case 'string':
    case 'boolean':
      return value;
    case 'object':
      return plainObject(value);
    default:
      throw new NotPlainError(`the result is a ${typeof value}, which is not a value`);
  }
}

function plainObject(value: object | null): unknown {
  if (value === null || value instanceof Date || value instanceof Uint8Array) return value;
  if (Array.isArray(value)) return value.map(toPlainValue);
  if (value instanceof Duration) return Number(value.valueOf());
  if (value instanceof UnsignedInt) return safeNumber(value.valueOf());
  if (value instanceof Map) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of value) out[String(k)] = toPlainValue(v);
    return out;
  }
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto === Object.prototype || proto === null) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = toPlainValue(v);
    return out;
  }
  const kind = (value as { constructor?: { name?: string } }).constructor?.name ?? 'object';
  throw new NotPlainError(`the result is a CEL ${kind} value, which has no plain form`);
}

function safeNumber(value: bigint): number {
  if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < BigInt(Number.MIN_SAFE_INTEGER)) {
    throw new NotPlainError(`the result ${value} is too large to keep exactly`);
  }
  return Number(value);
}
