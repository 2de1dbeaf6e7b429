import { describe, expect, it } from 'vitest';
import {
  AmountNotExactError,
  EventNotAcceptedError,
  ExpressionFailedError,
  LedgerInsufficientError,
} from '../errors/engine-error.js';
import { openingBalances } from './opening-balances.js';
import { acceptedEvents, startCase, stepCase } from './step-case.js';
import {
  compileForTest as compile,
  VISITS_SOURCE as SOURCE,
} from '../compile/visits-template.fixture.js';

const env = (now = new Date('2026-01-01T08:00:00Z')) => ({
  params: { kits: 1 },
  ledger: { kits: 1 },
  now,
});
const data = { visits: 0, a: 1, b: 2 };

describe('stepCase', () => {
  it('re-enters a state that targets itself: exit and entry run and its timers restart', () => {
    const compiled = compile(SOURCE);
    const started = startCase(compiled, data, env());
    expect(started.armTimers.map((t) => [t.eventType, t.dueAt.toISOString()])).toEqual([
      ['after:watched:0', '2026-01-02T08:00:00.000Z'],
    ]);
    const later = env(new Date('2026-01-01T20:00:00Z'));
    const visited = stepCase(compiled, started, { type: 'visit' }, later);
    expect(visited.cancelTimersOf).toEqual(['watched']);
    expect(visited.armTimers.map((t) => t.dueAt.toISOString())).toEqual([
      '2026-01-02T20:00:00.000Z',
    ]);
    expect(visited.effects.map((e) => e.kind)).toEqual(['exit', 'enter']);
  });

  it('cancels the timers only of exited states that arm any: leaving the others writes nothing', () => {
    const compiled = compile(SOURCE);
    const split = stepCase(compiled, startCase(compiled, data, env()), { type: 'split' }, env());
    expect(split.cancelTimersOf).toEqual(['watched']);
    // `visit` leaves l1 and r1 (no `after`): nothing to cancel, and no exit recorded at all
    // (only a state with timers records its entry and exit).
    const visited = stepCase(compiled, split, { type: 'visit' }, env());
    expect(visited.value).toEqual({ both: { left: 'l2', right: 'r2' } });
    expect(visited.effects.filter((e) => e.kind === 'exit')).toEqual([]);
    expect(visited.cancelTimersOf).toEqual([]);
  });

  it('stays in place without a target: no exit, no entry, timers keep running', () => {
    const compiled = compile(SOURCE);
    const started = startCase(compiled, data, env());
    const noted = stepCase(compiled, started, { type: 'note' }, env());
    expect(noted.effects).toEqual([{ kind: 'emit', name: 'visit.noted' }]);
    expect(noted.cancelTimersOf).toEqual([]);
    expect(noted.armTimers).toEqual([]);
  });

  it('evaluates all values of one set against the data before it', () => {
    const compiled = compile(SOURCE);
    const swapped = stepCase(compiled, startCase(compiled, data, env()), { type: 'swap' }, env());
    expect(swapped.data).toMatchObject({ a: 2, b: 1 });
  });

  it('refuses a draw that would take a ledger below zero, as a whole', () => {
    const compiled = compile(SOURCE);
    const started = startCase(compiled, data, env());
    expect(stepCase(compiled, started, { type: 'give' }, env()).ledgerDeltas).toEqual({ kits: -1 });
    expect(() =>
      stepCase(compiled, started, { type: 'give' }, { ...env(), ledger: { kits: 0 } }),
    ).toThrow(LedgerInsufficientError);
  });

  it('turns a guard that fails at run time into a typed error', () => {
    const compiled = compile(SOURCE);
    const started = startCase(compiled, data, env());
    expect(() => stepCase(compiled, started, { type: 'check' }, env())).toThrow(
      ExpressionFailedError,
    );
  });

  it('enters every region of a parallel state and finishes when all are final', () => {
    const compiled = compile(SOURCE);
    const split = stepCase(compiled, startCase(compiled, data, env()), { type: 'split' }, env());
    expect(split.value).toEqual({ both: { left: 'l1', right: 'r1' } });
    // Leaving `watched` (its timer cancelled) is the only marker: the five states entered have none.
    expect(split.effects).toEqual([{ kind: 'exit', state: 'watched' }]);
    expect(split.cancelTimersOf).toEqual(['watched']);
    const visited = stepCase(compiled, split, { type: 'visit' }, env());
    expect(visited.value).toEqual({ both: { left: 'l2', right: 'r2' } });
  });
});

describe('actions that fail at run time', () => {
  it('refuse the event with a typed error and change nothing', () => {
    const compiled = compile(
      SOURCE.replace(
        'swap: { actions: [{ set: { a: data.b, b: data.a } }] }',
        "swap: { actions: [{ set: { a: data.b, note: data.note + '!' } }] }",
      ),
    );
    const started = startCase(compiled, data, env());
    expect(() => stepCase(compiled, started, { type: 'swap' }, env())).toThrow(
      ExpressionFailedError,
    );
    expect(started.data).toEqual(data);
  });
});

describe('money', () => {
  // Before: 0.004 was rounded to 0.00 and vanished from the books without a word.
  it('refuses a ledger amount with a fraction of a fen, naming the ledger, and never rounds', () => {
    const compiled = compile(SOURCE);
    const started = startCase(compiled, data, env());
    const refusal = (() => {
      try {
        stepCase(compiled, started, { type: 'pay', payload: { amount: 0.004 } }, env());
      } catch (error) {
        return error;
      }
    })();
    expect(refusal).toBeInstanceOf(AmountNotExactError);
    expect(refusal).toMatchObject({ code: 'amount-not-exact', kind: 'unprocessable' });
    expect((refusal as Error).message).toMatch(/^ledger 'kits' \(event\.amount\): amount 0\.004 /);
  });

  it('accepts amounts exact to the fen, without binary noise', () => {
    const compiled = compile(SOURCE);
    const started = startCase(compiled, data, env());
    const paid = stepCase(
      compiled,
      started,
      { type: 'pay', payload: { amount: 0.1 + 0.2 } },
      env(),
    );
    expect(paid.ledgerDeltas).toEqual({ kits: 0.3 });
  });

  it('refuses an opening balance with a fraction of a fen', () => {
    const compiled = compile(SOURCE);
    expect(() => openingBalances(compiled, { kits: 1.005 }, new Date(0))).toThrow(
      /^opening balance of ledger 'kits' \(params\.kits\): amount 1\.005 is not exact/,
    );
    expect(openingBalances(compiled, { kits: 2.5 }, new Date(0))).toEqual({ kits: 2.5 });
  });
});

describe('what the step reads', () => {
  // Guard failures used to travel in an array on the shared compiled template; a failure must
  // belong to its own step only.
  it('keeps a guard failure to its own step: the next step on the same template is unaffected', () => {
    const compiled = compile(SOURCE);
    const started = startCase(compiled, data, env());
    expect(() => stepCase(compiled, started, { type: 'check' }, env())).toThrow(
      ExpressionFailedError,
    );
    const noted = { ...started, data: { ...data, note: 'x' } };
    expect(stepCase(compiled, noted, { type: 'check' }, env()).value).toBe('escalated');
  });

  it('answers the accepted events from the state index, parallel regions included', () => {
    const compiled = compile(SOURCE);
    expect(acceptedEvents(compiled, 'watched')).toEqual([
      'visit',
      'note',
      'swap',
      'give',
      'pay',
      'check',
      'split',
    ]);
    expect(acceptedEvents(compiled, { both: { left: 'l1', right: 'r2' } })).toEqual(['visit']);
    expect(acceptedEvents(compiled, 'escalated')).toEqual([]);
  });

  it('does not take names of the object prototype for declared events', () => {
    const compiled = compile(SOURCE);
    const started = startCase(compiled, data, env());
    for (const type of ['constructor', 'toString', '__proto__'])
      expect(() => stepCase(compiled, started, { type }, env())).toThrow(EventNotAcceptedError);
  });
});

describe('schedule', () => {
  const SCHEDULED = SOURCE.replace(
    '      note: { actions: [{ emit: visit.noted }] }\n',
    '      note: { actions: [{ emit: visit.noted }, { schedule: { event: visit, delay: PT2H } }] }\n',
  ).replace(
    '      split: both\n',
    '      split: { target: both, actions: [{ schedule: { event: note, delay: P1D } }] }\n',
  );

  it('arms a case-level timer that sends the event after the delay', () => {
    const compiled = compile(SCHEDULED);
    const started = startCase(compiled, data, env());
    const noted = stepCase(compiled, started, { type: 'note' }, env());
    expect(noted.armTimers).toEqual([
      { state: '', index: 0, eventType: 'visit', dueAt: new Date('2026-01-01T10:00:00Z') },
    ]);
    // Fired by the system (no roles): applied as that event.
    const fired = stepCase(compiled, noted, { type: 'visit' }, env(), {});
    expect(fired.data.visits).toBe(1);
  });

  it('is not cancelled when the state that armed it is left', () => {
    const compiled = compile(SCHEDULED);
    const split = stepCase(compiled, startCase(compiled, data, env()), { type: 'split' }, env());
    expect(split.cancelTimersOf).toContain('watched');
    expect(split.armTimers.filter((t) => t.state === '')).toEqual([
      { state: '', index: 0, eventType: 'note', dueAt: new Date('2026-01-02T08:00:00Z') },
    ]);
    // When it falls due, a state that does not accept the event refuses it: nothing changes.
    expect(() => stepCase(compiled, split, { type: 'note' }, env(), {})).toThrow(
      EventNotAcceptedError,
    );
  });
});
