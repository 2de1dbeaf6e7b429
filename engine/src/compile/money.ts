/**
 * The one rule for money: ledger amounts and balances are exact to the fen (0.01), like the
 * database's `numeric(18, 2)`. Arithmetic runs in integer hundredths, never in binary fractions,
 * and an amount with a fraction of a fen (0.004) is refused, never rounded away.
 */
import { AmountNotExactError } from '../errors/engine-error.js';

/** Hundredths per unit. */
const FEN = 100;
/**
 * How far from a whole fen a value may be and still be that fen: binary floating point makes
 * 0.1 + 0.2 = 0.30000000000000004, which is 30 fen, while 0.004 is 0.4 fen and is refused.
 */
const TOLERANCE_FEN = 1e-6;

/** The amount in whole fen, or undefined when it is not a finite number of whole fen. */
function toFen(amount: number): number | undefined {
  if (!Number.isFinite(amount)) return undefined;
  const fen = amount * FEN;
  const whole = Math.round(fen);
  return Math.abs(fen - whole) <= TOLERANCE_FEN * Math.max(1, Math.abs(whole) / 1e9)
    ? whole
    : undefined;
}

/** Is `amount` a finite number of whole fen? */
export function isExactAmount(amount: number): boolean {
  return toFen(amount) !== undefined;
}

/**
 * `amount` as an exact amount (binary noise removed), or a typed refusal naming `what` (the ledger,
 * field or parameter it came from) when it holds a fraction of a fen or is not a finite number.
 */
export function toExactAmount(amount: unknown, what: string): number {
  const fen = typeof amount === 'number' ? toFen(amount) : undefined;
  if (fen === undefined) throw new AmountNotExactError(what, amount);
  return fen / FEN;
}

/** `balance + amount`, both exact amounts, added in integer hundredths. */
export function addExact(balance: number, amount: number): number {
  return (Math.round(balance * FEN) + Math.round(amount * FEN)) / FEN;
}

/** The exact sum of exact amounts. */
export function sumExact(amounts: Iterable<number>): number {
  let fen = 0;
  for (const amount of amounts) fen += Math.round(amount * FEN);
  return fen / FEN;
}

/** An exact amount as the database's `numeric(18, 2)` text (`-0.35`, `12.00`). */
export function toAmountText(amount: number): string {
  return (Math.round(amount * FEN) / FEN).toFixed(2);
}
