import { describe, expect, it } from 'vitest';
import {
  AmountNotExactError,
  EngineError,
  ExpressionFailedError,
  LedgerInsufficientError,
  TemplateInvalidError,
  ValidationFailedError,
} from './engine-error.js';

describe('EngineError', () => {
  it('carries a stable code and kind, and its class name for logs', () => {
    const error = new LedgerInsufficientError('rice', 2, -3);
    expect(error).toBeInstanceOf(EngineError);
    expect(error).toMatchObject({
      name: 'LedgerInsufficientError',
      code: 'ledger-insufficient',
      kind: 'conflict',
      details: { ledger: 'rice', balance: 2, amount: -3 },
    });
    expect(error.message).toBe("ledger 'rice' has 2 left; drawing 3 would take it below zero");
  });

  it('names the field of an inexact amount and is unprocessable (422)', () => {
    const error = new AmountNotExactError("ledger 'rice'", 0.004);
    expect(error).toMatchObject({
      code: 'amount-not-exact',
      kind: 'unprocessable',
      details: { field: "ledger 'rice'", amount: 0.004 },
    });
    expect(error.message).toMatch(/^ledger 'rice': amount 0\.004 is not exact to the fen/);
  });

  it('keeps field errors and located issues for the problem body', () => {
    const invalid = new ValidationFailedError('case data', [
      { path: '/age', message: 'is required' },
    ]);
    expect(invalid.kind).toBe('unprocessable');
    expect(JSON.stringify(invalid.details)).toContain('/age');
    const template = new TemplateInvalidError([
      { line: 3, col: 5, pointer: '/x', code: 'schema-type', severity: 'error', message: 'bad.' },
    ]);
    expect(template.issues).toHaveLength(1);
    expect(template.message).toContain('3:5');
    expect(new ExpressionFailedError('a + b', 'no b').message).toBe(
      "expression 'a + b' failed: no b",
    );
  });
});
