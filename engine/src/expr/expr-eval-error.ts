import { EngineError } from '../errors/engine-error.js';

/**
 * An expression failed while evaluating (missing key, division by zero, no overload for the values
 * it met). `reason` is CEL's code, e.g. `no_such_key`; offset/length locate the failing part when known.
 */
export class ExprEvalError extends EngineError {
  constructor(
    readonly source: string,
    readonly reason: string,
    message: string,
    readonly offset?: number,
    readonly length?: number,
  ) {
    super('expr-eval', 'unprocessable', message, {
      source,
      reason,
      ...(offset !== undefined && { offset, length }),
    });
  }
}
