/**
 * A generated template of `count` states for the benchmark: groups of eight steps (one with a
 * timer) chained one after another, then a chain of top-level states, then `done`. Valid, and
 * every state reachable. A `variant` names a different template of the same shape (its own id,
 * titles and event names of other lengths), so each benchmark run opens one the editor has never
 * laid out.
 */
export function generateTemplate(count = 100, variant?: number): string {
  const v = variant === undefined ? '' : `${variant}`;
  // Titles a little longer or shorter from one variant to the next: labels take other sizes.
  // Every variant's titles and event names (in both languages) carry its number, so no two
  // variants give the layout the same graph (the editor remembers the graphs it laid out).
  const pad = variant === undefined ? '' : '·'.repeat(variant % 4);
  const lines = [
    'dsl: relief/v1',
    `id: bench-generated${v && `-${v}`}`,
    'version: 1',
    'title: { zh: 基准模板, en: Benchmark }',
    'events:',
  ];
  for (const e of ['next', 'back', 'skip', 'close'])
    lines.push(`  ${e}: { title: { zh: 事件${e}${v}${pad}, en: ${e}${v}${pad} } }`);
  lines.push('initial: s0', 'states:');
  const groups = Math.floor((count - 10) / 9);
  const extras = count - 1 - groups * 9;
  const afterGroups = extras > 0 ? 't0' : 'done';
  for (let g = 0; g < groups; g++) {
    const next = g + 1 < groups ? `s${g + 1}` : afterGroups;
    lines.push(
      `  s${g}:`,
      `    title: { zh: 阶段${g}${v && `.${v}`}${pad}, en: Stage ${g}${v && `.${v}`} }`,
      '    initial: c0',
      '    on:',
      '      close: done',
      '    states:',
    );
    for (let c = 0; c < 8; c++) {
      lines.push(
        `      c${c}:`,
        `        title: { zh: 步骤${g}-${c}${v && `.${v}`}${pad}, en: Step ${g}-${c}${v && `.${v}`} }`,
        '        on:',
        `          next: ${c < 7 ? `c${c + 1}` : next}`,
      );
      if (c > 0) lines.push(`          back: c${c - 1}`);
      if (c === 3)
        lines.push('        after:', '          - delay: P1D', `            target: c${c + 1}`);
    }
  }
  for (let i = 0; i < extras; i++) {
    const next = i + 1 < extras ? `t${i + 1}` : 'done';
    lines.push(
      `  t${i}:`,
      `    title: { zh: 附加${i}${v && `.${v}`}${pad}, en: Extra ${i}${v && `.${v}`} }`,
      '    on:',
      `      next: ${next}`,
      '      skip: done',
    );
  }
  lines.push('  done:', '    title: { zh: 完成, en: Done }', '    type: final', '');
  return lines.join('\n');
}
