import { describe, expect, it } from 'vitest';
import { initialTransition, transition } from 'xstate';
import type { CaseContext } from './case-machine-types.js';
import { compileForTest as compile, VISITS_SOURCE as SOURCE } from './visits-template.fixture.js';

const data = { visits: 0, a: 1, b: 2 };

describe('compileTemplate', () => {
  it('yields a machine usable with XState pure transition()', () => {
    const { machine } = compile(SOURCE);
    const input = {
      data,
      params: {},
      ledger: { kits: 1 },
      now: new Date(0).toISOString(),
      assignee: null,
    };
    const [first] = initialTransition(machine, input);
    expect(first.value).toBe('watched');
    const [next] = transition(machine, first, { type: 'visit' });
    expect((next.context as CaseContext).data.visits).toBe(1);
  });
});
