/** Opening ledger balances of a programme, from each ledger's `opening` expression over its params. */
import type { CompiledTemplate } from '../compile/compile-template.js';
import { toExactAmount } from '../compile/money.js';
import { ExpressionFailedError } from '../errors/engine-error.js';
import { compileExpression } from '../expr/index.js';

/**
 * Balances by ledger name, exact to 0.01; a negative or non-numeric opening is refused, and so is
 * one with a fraction of a fen (never rounded).
 */
export function openingBalances(
  compiled: CompiledTemplate,
  params: Record<string, unknown>,
  now: Date,
): Record<string, number> {
  const balances: Record<string, number> = {};
  for (const [name, ledger] of Object.entries(compiled.template.ledgers ?? {})) {
    const source = String(ledger.opening);
    const value =
      typeof ledger.opening === 'string'
        ? compileExpression(source).evaluate({ data: {}, params, event: {}, ledger: {}, now })
        : ledger.opening;
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0)
      throw new ExpressionFailedError(
        source,
        `opening balance of '${name}' must be a number ≥ 0, got ${JSON.stringify(value)}`,
      );
    balances[name] = toExactAmount(value, `opening balance of ledger '${name}' (${source})`);
  }
  return balances;
}
