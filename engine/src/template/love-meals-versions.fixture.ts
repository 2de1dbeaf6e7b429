/**
 * Love-meals as it evolves, for the diff and migration tests: v2 adds a `reheated` state between
 * `failed` and `atGate` and a required `allergies` field with a default; v3 (from v2) removes
 * `suspended`. Built from the shipped v1 source by text edits, so the fixture follows the template.
 */

function replaceOnce(source: string, find: string, by: string): string {
  const at = source.indexOf(find);
  if (at < 0 || source.indexOf(find, at + 1) >= 0) throw new Error(`fixture: "${find}" not unique`);
  return source.slice(0, at) + by + source.slice(at + find.length);
}

/** v2: `failed --retry--> reheated --carryToGate--> atGate`, and `allergies` (default `none`). */
export function loveMealsV2(v1: string): string {
  let s = replaceOnce(v1, '\nversion: 1\n', '\nversion: 2\n');
  s = replaceOnce(s, 'required: [name, age, address]', 'required: [name, age, address, allergies]');
  s = replaceOnce(
    s,
    '    mealsDelivered:\n',
    `    allergies:
      type: string
      default: none
      title: { zh: 过敏食物, en: Food allergies }
    mealsDelivered:\n`,
  );
  s = replaceOnce(s, '          retry: atGate\n', '          retry: reheated\n');
  s = replaceOnce(
    s,
    '\n  suspended:\n',
    `
      reheated:
        title: { zh: 已重新加热, en: Reheated }
        description:
          zh: 联系上老人后，食堂重新加热餐食，再由送餐员送到小区门口。
          en: Once the resident is reached, the canteen reheats the meal and a courier carries it to the gate.
        roles: [canteen, courier]
        on:
          carryToGate: atGate

  suspended:\n`,
  );
  return s;
}

/** v3 (from v2): no `suspended` state and no `suspend` transition. */
export function loveMealsV3(v2: string): string {
  let s = replaceOnce(v2, '\nversion: 2\n', '\nversion: 3\n');
  s = replaceOnce(
    s,
    '      suspend:\n        target: suspended\n        actions:\n          - set: { suspendReason: event.reason }\n',
    '',
  );
  const start = s.indexOf('\n  suspended:\n');
  const end = s.indexOf('\n  rejected:\n');
  return s.slice(0, start) + '\n' + s.slice(end);
}
