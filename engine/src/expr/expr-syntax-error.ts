import { EngineError } from '../errors/engine-error.js';

/** An expression does not parse; `offset`/`length` locate the failure in UTF-16 code units. */
export class ExprSyntaxError extends EngineError {
  constructor(
    readonly source: string,
    reason: string,
    readonly offset: number,
    readonly length: number,
  ) {
    super('expr-syntax', 'user', `expression does not parse at offset ${offset}: ${reason}`, {
      source,
      reason,
      offset,
      length,
    });
  }
}
