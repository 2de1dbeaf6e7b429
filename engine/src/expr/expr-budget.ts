/**
 * The run-time side of `EXPR_LIMITS`: an observer the evaluator calls with every node it finishes.
 * It counts steps, checks the size of each value, adds it to the evaluation's volume and, every
 * 1,024 steps, the clock. The first limit crossed ends the evaluation; because `||`, `&&`, `all`
 * and `exists` may swallow an error, the budget also remembers it, and the caller asks afterwards.
 */
import { EXPR_LIMITS } from './expr-limits.js';
import type { ExprLimitName } from './expr-limits.js';

/** Thrown inside the evaluator when a limit is crossed; turned into ExprBudgetError by the caller. */
export class BudgetExceeded extends Error {
  constructor(
    readonly limit: ExprLimitName,
    readonly used: number,
  ) {
    super(`expression budget exceeded: ${limit}`);
  }
}

const CLOCK_EVERY = 1024;

/** The budget of one evaluation. */
export class ExprBudget {
  private steps = 0;
  private volume = 0;
  // The clock is first read at step 1,024, not at the start: most expressions end long before,
  // and reading it costs more than a short evaluation. The first 1,024 steps take well under 1 ms.
  private deadline = Infinity;
  /** The first limit crossed, kept even if the expression swallowed the error. */
  exceeded: BudgetExceeded | undefined;

  constructor(
    private readonly limits: typeof EXPR_LIMITS = EXPR_LIMITS,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Charge one finished node and its value; throws BudgetExceeded past any limit. */
  observe(op: string, value: unknown): unknown {
    if (this.exceeded) throw this.exceeded;
    const steps = ++this.steps;
    if (steps > this.limits.steps) this.fail('steps', steps);
    if ((steps & (CLOCK_EVERY - 1)) === 0) this.checkClock();
    if (typeof value === 'string') this.charge(value.length, 'stringLength', op);
    else if (Array.isArray(value)) this.charge(value.length, 'listLength', op);
    return value;
  }

  private checkClock(): void {
    const now = this.now();
    if (this.deadline === Infinity) this.deadline = now + this.limits.deadlineMs;
    else if (now > this.deadline) this.fail('deadlineMs', this.limits.deadlineMs);
  }

  private charge(length: number, limit: 'stringLength' | 'listLength', op: string): void {
    if (length > this.limits[limit]) this.fail(limit, length);
    // A macro's accumulator is the same growing list at every step: its length is checked, but
    // charging it each time would count a 10,000-element map 50 million times over.
    if (op === 'accuPush' || op === 'accuValue') return;
    this.volume += length;
    if (this.volume > this.limits.volume) this.fail('volume', this.volume);
  }

  private fail(limit: ExprLimitName, used: number): never {
    this.exceeded = new BudgetExceeded(limit, used);
    throw this.exceeded;
  }
}
