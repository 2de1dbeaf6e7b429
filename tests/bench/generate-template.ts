/**
 * A generated template of any size for the validate + compile benchmark: a chain of states, each
 * with a guarded transition that sets data, a fallback, and every tenth with a timer, a
 * notification and an emitted event — the features a real programme uses, in proportion.
 */

/** YAML of a valid `relief/v1` template with `stateCount` states (the last one final). */
export function generateTemplate(stateCount: number): string {
  const name = (i: number) => `s${String(i).padStart(3, '0')}`;
  const lines = [
    'dsl: relief/v1',
    `id: generated-${stateCount}`,
    'version: 1',
    `title: { zh: 生成的模板, en: Generated template with ${stateCount} states }`,
    'roles:',
    '  worker: { zh: 工作人员, en: Worker }',
    '  lead: { zh: 负责人, en: Lead }',
    'parameters:',
    '  type: object',
    '  properties:',
    '    limit: { type: integer, default: 3, minimum: 0 }',
    'data:',
    '  type: object',
    '  required: [name]',
    '  properties:',
    '    name: { type: string, minLength: 1 }',
    '    count: { type: integer, default: 0 }',
    '    score: { type: integer, default: 0, minimum: 0 }',
    'events:',
    '  next: { title: { zh: 下一步, en: Next }, roles: [worker, lead] }',
    '  skip:',
    '    title: { zh: 跳过, en: Skip }',
    '    roles: [lead]',
    '    form: { type: object, properties: { points: { type: integer, minimum: 0 } } }',
    `initial: ${name(1)}`,
    'states:',
  ];
  for (let i = 1; i < stateCount; i++) {
    const next = name(i + 1);
    const skipTo = name(Math.min(stateCount, i + 2));
    lines.push(
      `  ${name(i)}:`,
      `    title: { zh: 第${i}步, en: Step ${i} }`,
      '    on:',
      '      next:',
      `        - target: ${next}`,
      '          guard: data.count < params.limit || data.score >= 10',
      '          actions: [{ set: { count: data.count + 1 } }]',
      `        - target: ${next}`,
      '          actions: [{ set: { count: 0 } }]',
      '      skip:',
      `        target: ${skipTo}`,
      '        guard: "has(event.points) && event.points > 0"',
      '        actions: [{ set: { score: data.score + event.points } }]',
    );
    if (i % 10 === 0)
      lines.push(
        '    after:',
        '      - delay: P1D',
        `        target: ${next}`,
        '        actions:',
        '          - notify: { role: lead, message: { zh: 已超时, en: Step timed out } }',
        `          - emit: step.timeout`,
      );
  }
  lines.push(`  ${name(stateCount)}: { type: final }`);
  return lines.join('\n') + '\n';
}
