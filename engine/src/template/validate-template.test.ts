import { describe, expect, it } from 'vitest';
import { validateTemplate } from './validate-template.js';

// A small valid template; each test breaks one thing and asserts the exact code, line and column.
const BASE = `dsl: relief/v1
id: mini
version: 1
title: { zh: 小模板, en: Mini }
roles:
  committee: { zh: 居委会, en: Committee }
parameters:
  type: object
  properties:
    minAge: { type: integer, default: 80 }
data:
  type: object
  required: [age]
  properties:
    age: { type: integer }
    count: { type: integer, default: 0 }
ledgers:
  kits: { title: { zh: 物资, en: Kits }, opening: 10 }
events:
  review: { roles: [committee] }
  give:
    roles: [committee]
    form: { type: object, properties: { qty: { type: integer } } }
initial: applied
states:
  applied:
    on:
      review:
        - target: enrolled
          guard: data.age >= params.minAge
        - target: rejected
  enrolled:
    on:
      give:
        target: enrolled
        actions:
          - set: { count: data.count + 1 }
          - ledger: { kits: -1 }
    after:
      - delay: P1D
        target: done
  rejected: { type: final }
  done: { type: final }
`;

/** Replace exactly one occurrence, so a test cannot silently stop breaking anything. */
function broken(find: string, replace: string): string {
  const at = BASE.indexOf(find);
  if (at < 0 || BASE.indexOf(find, at + 1) >= 0)
    throw new Error(`'${find}' must occur exactly once in BASE`);
  return BASE.slice(0, at) + replace + BASE.slice(at + find.length);
}

function only(source: string) {
  const { issues } = validateTemplate(source);
  expect(issues, JSON.stringify(issues, null, 2)).toHaveLength(1);
  return issues[0]!;
}

function expectIssue(source: string, code: string, line: number, col: number, pointer?: string) {
  const issue = only(source);
  expect({ code: issue.code, line: issue.line, col: issue.col }).toEqual({ code, line, col });
  if (pointer !== undefined) expect(issue.pointer).toBe(pointer);
  expect(issue.message.length).toBeGreaterThan(20);
  return issue;
}

describe('validateTemplate hazards (warnings)', () => {
  const codes = (source: string) => validateTemplate(source).issues.map((i) => i.code);

  it('warns when a ledger moves by an event amount whose sign nothing keeps, at the ledger', () => {
    const { issues, template } = validateTemplate(
      broken('- ledger: { kits: -1 }', '- ledger: { kits: -event.qty }'),
    );
    expect(template).toBeDefined();
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({
      code: 'ledger-amount-unsigned',
      severity: 'warning',
      pointer: '/states/enrolled/on/give/actions/1/ledger/kits',
      line: 38,
    });
    expect(issues[0]!.message).toContain('event.qty > 0');
  });

  it('takes a guard or a form minimum as keeping the sign', () => {
    const guarded = broken('- ledger: { kits: -1 }', '- ledger: { kits: -event.qty }').replace(
      '        target: enrolled\n        actions:',
      '        target: enrolled\n        guard: event.qty > 0\n        actions:',
    );
    expect(codes(guarded)).toEqual([]);
    const bounded = broken('- ledger: { kits: -1 }', '- ledger: { kits: -event.qty }').replace(
      'qty: { type: integer }',
      'qty: { type: integer, minimum: 1 }',
    );
    expect(codes(bounded)).toEqual([]);
  });

  it('warns about a timer that re-enters its own state when nothing leaves it', () => {
    const { issues } = validateTemplate(
      broken(
        '      - delay: P1D\n        target: done',
        '      - delay: P1D\n        target: enrolled',
      ),
    );
    const loop = issues.find((i) => i.code === 'timer-self-loop');
    expect(loop).toMatchObject({ severity: 'warning', pointer: '/states/enrolled/after/0' });
    expect(loop!.message).toContain("'enrolled'");
  });

  it('does not warn about a repeating timer in a state an event leaves', () => {
    const source = broken(
      '      - delay: P1D\n        target: done',
      '      - delay: P1D\n        target: enrolled',
    ).replace(
      '        target: enrolled\n        actions:',
      '        target: done\n        actions:',
    );
    expect(codes(source)).not.toContain('timer-self-loop');
  });
});

describe('validateTemplate', () => {
  it('accepts the base template with no findings', () => {
    const { issues, template } = validateTemplate(BASE);
    expect(issues).toEqual([]);
    expect(template?.id).toBe('mini');
  });

  describe('YAML', () => {
    it('reports a duplicate key at the second occurrence', () => {
      expectIssue(broken('version: 1\n', 'version: 1\nversion: 2\n'), 'yaml-duplicate-key', 4, 1);
    });
    it('reports a tab used for indentation', () => {
      expectIssue(broken('  committee: {', '\tcommittee: {'), 'yaml-tab', 6, 1);
    });
    it('reports broken syntax', () => {
      expect(
        only(broken('title: { zh: 小模板, en: Mini }', 'title: { zh: 小模板, en: Mini')).code,
      ).toBe('yaml-syntax');
    });
    it('refuses an alias bomb', () => {
      const bomb =
        'a: &a [x, x]\n' +
        Array.from({ length: 60 }, (_, i) => `b${i}: [*a, *a]`).join('\n') +
        '\n';
      expect(validateTemplate(bomb).issues[0]!.code).toBe('yaml-alias-limit');
    });
    it('refuses a document that is not a map', () => {
      expectIssue('- just\n- a list\n', 'yaml-not-map', 1, 1);
    });
    it('refuses absurd nesting without crashing', () => {
      expect(
        validateTemplate('a: ' + '['.repeat(200) + ']'.repeat(200) + '\n').issues[0]!.code,
      ).toBe('yaml-syntax');
    });
  });

  describe('schema', () => {
    it('reports a missing required key at the map it belongs to', () => {
      expectIssue(broken('initial: applied\n', ''), 'schema-required', 1, 1, '');
    });
    it('reports an unknown key at the key, listing what is allowed', () => {
      const issue = expectIssue(
        broken('    on:\n      give:', '    onn:\n      give:'),
        'schema-unknown-key',
        33,
        5,
        '/states/enrolled/onn',
      );
      expect(issue.message).toContain("'onn'");
      expect(issue.message).toContain('after');
    });
    it('says a comma inside a flow-map label cut the text, once, at the entry it cut', () => {
      const issue = expectIssue(
        broken(
          'kits: { title: { zh: 物资, en: Kits }',
          'kits: { title: { zh: 物资, en: Kits, blankets, food }',
        ),
        'yaml-flow-comma',
        18,
        28,
        '/ledgers/kits/title/en',
      );
      expect(issue.message).toContain('en: "Kits, blankets, food"');
      expect(issue.message).not.toMatch(/unknown key/);
    });
    it('still calls a real extra key in a flow map an unknown key', () => {
      expectIssue(
        broken(
          'kits: { title: { zh: 物资, en: Kits }',
          'kits: { title: { zh: 物资, en: Kits, fr: Kits }',
        ),
        'schema-unknown-key',
        18,
        38,
        '/ledgers/kits/title/fr',
      );
    });
    it('reports a wrong type with what was expected', () => {
      const issue = expectIssue(
        broken('version: 1', 'version: one'),
        'schema-type',
        3,
        10,
        '/version',
      );
      expect(issue.message).toContain('integer');
    });
    it('reports a label that is neither a string nor {zh, en}', () => {
      expectIssue(
        broken('title: { zh: 小模板, en: Mini }', 'title: 3'),
        'schema-label',
        4,
        8,
        '/title',
      );
    });
    it('reports a bilingual label missing a language', () => {
      expectIssue(
        broken('title: { zh: 小模板, en: Mini }', 'title: { zh: 小模板 }'),
        'schema-required',
        4,
        8,
        '/title',
      );
    });
    it('reports an action with two keys as one finding', () => {
      expectIssue(
        broken(
          '          - ledger: { kits: -1 }',
          '          - ledger: { kits: -1 }\n            emit: x.y',
        ),
        'schema-action',
        38,
        13,
      );
    });
    it('reports an x-worker mark the card does not know, at the mark', () => {
      const issue = expectIssue(
        broken('    age: { type: integer }', '    age: { type: integer, x-worker: tel }'),
        'schema-value',
        15,
        37,
        '/data/properties/age/x-worker',
      );
      expect(issue.message).toContain('phone');
    });
    it('reports an invalid duration', () => {
      expectIssue(
        broken('delay: P1D', 'delay: 1 day'),
        'invalid-duration',
        40,
        16,
        '/states/enrolled/after/0/delay',
      );
    });
    it('reports a bad id pattern', () => {
      expectIssue(broken('id: mini', 'id: Mini_Template'), 'schema-value', 2, 5, '/id');
    });
    it('accepts x- extension keys for the editor', () => {
      expect(
        validateTemplate(
          broken(
            '  rejected: { type: final }',
            '  rejected: { type: final, x-layout: { x: 1, y: 2 } }',
          ),
        ).issues,
      ).toEqual([]);
    });
  });

  describe('states and transitions', () => {
    it('reports an unknown target at its line with the known states', () => {
      const issue = expectIssue(
        broken('        - target: rejected', '        - target: rejectd'),
        'unknown-target',
        31,
        19,
        '/states/applied/on/review/1/target',
      );
      expect(issue.message).toContain('rejectd');
      expect(issue.message).toContain('rejected');
    });
    it('reports an event used but not declared', () => {
      expectIssue(
        broken('      give:\n        target', '      gift:\n        target'),
        'undeclared-event',
        34,
        7,
        '/states/enrolled/on/gift',
      );
    });
    it('reports an undeclared role', () => {
      expectIssue(
        broken('  review: { roles: [committee] }', '  review: { roles: [comittee] }'),
        'undeclared-role',
        20,
        21,
        '/events/review/roles/0',
      );
    });
    it('reports a missing initial state', () => {
      expectIssue(
        broken('initial: applied', 'initial: aplied'),
        'initial-missing',
        24,
        10,
        '/initial',
      );
    });
    it('reports a compound state without initial', () => {
      expectIssue(
        broken(
          '  done: { type: final }',
          '  done:\n    type: final\n  box:\n    states:\n      a: { type: final }',
        ),
        'initial-missing',
        45,
        3,
      );
    });
    it('reports a transition out of a final state', () => {
      expectIssue(
        broken(
          '  rejected: { type: final }',
          '  rejected:\n    type: final\n    on: { review: applied }',
        ),
        'final-has-transitions',
        44,
        5,
      );
    });
    it('warns about an unreachable state', () => {
      const issue = expectIssue(
        broken('  done: { type: final }', '  done: { type: final }\n  orphan: { type: final }'),
        'unreachable-state',
        44,
        3,
        '/states/orphan',
      );
      expect(issue.severity).toBe('warning');
      expect(
        validateTemplate(
          broken('  done: { type: final }', '  done: { type: final }\n  orphan: { type: final }'),
        ).template,
      ).toBeDefined();
    });
    it('warns about a non-final state with no way out', () => {
      const issue = expectIssue(
        broken('  rejected: { type: final }', '  rejected: { title: Rejected }'),
        'dead-end',
        42,
        3,
      );
      expect(issue.severity).toBe('warning');
    });
    it('warns about a transition shadowed by an unguarded one', () => {
      const source = broken(
        '        - target: rejected\n',
        '        - target: rejected\n        - target: done\n',
      );
      expectIssue(source, 'shadowed-transition', 32, 11);
    });
    it('reports a ledger that is not declared', () => {
      expectIssue(
        broken('ledger: { kits: -1 }', 'ledger: { kitz: -1 }'),
        'undeclared-ledger',
        38,
        23,
      );
    });
    it("reports 'set' on a field that data does not declare", () => {
      expectIssue(
        broken('set: { count: data.count + 1 }', 'set: { cnt: data.count + 1 }'),
        'unknown-data-field',
        37,
        20,
      );
    });
  });

  describe('expressions', () => {
    it('reports data.agee at the exact line and column of the field', () => {
      const issue = expectIssue(
        broken('guard: data.age >= params.minAge', 'guard: data.agee >= params.minAge'),
        'expr-unknown-name',
        30,
        23,
        '/states/applied/on/review/0/guard',
      );
      expect(issue.message).toContain('agee');
    });
    it('reports an unknown parameter', () => {
      expectIssue(
        broken('guard: data.age >= params.minAge', 'guard: data.age >= params.maxAge'),
        'expr-unknown-name',
        30,
        37,
      );
    });
    it('reports a syntax error inside an expression', () => {
      expect(
        only(broken('guard: data.age >= params.minAge', 'guard: data.age >= >= params.minAge'))
          .code,
      ).toBe('expr-syntax');
    });
    it('reports a guard that is not a condition', () => {
      expect(only(broken('guard: data.age >= params.minAge', 'guard: data.age + 1')).code).toBe(
        'expr-type',
      );
    });
    it('reports a set value whose type cannot fit its field', () => {
      expect(
        only(broken('set: { count: data.count + 1 }', 'set: { count: data.count > 1 }')).code,
      ).toBe('expr-type');
    });
    it('checks event fields against the event form', () => {
      expectIssue(
        broken('set: { count: data.count + 1 }', 'set: { count: data.count + event.qtty }'),
        'expr-unknown-name',
        37,
        46,
      );
    });
    it('refuses names that would reach the host', () => {
      expect(
        only(broken('guard: data.age >= params.minAge', 'guard: process.exit(1) == null')).code,
      ).toBe('expr-unknown-name');
    });
  });

  describe('embedded schemas', () => {
    it('reports a default that does not match its own type', () => {
      expectIssue(
        broken(
          'minAge: { type: integer, default: 80 }',
          "minAge: { type: integer, default: 'eighty' }",
        ),
        'invalid-default',
        10,
        39,
      );
    });
  });
});
