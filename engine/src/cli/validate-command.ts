/** `relief validate <file.yaml…>`: compiler-style findings, exit 1 on any error. */
import { readFile } from 'node:fs/promises';
import { validateTemplate } from '../template/validate-template.js';
import { describeIssue } from '../errors/issue-catalog.js';
import { MAX_LISTED_FINDINGS } from '../errors/engine-error.js';
import type { TemplateIssue } from '../errors/issue-catalog.js';

/** Validate files; prints findings and returns the process exit code. */
export async function validateCommand(
  files: readonly string[],
  options: { json: boolean },
  out: (line: string) => void,
): Promise<number> {
  if (files.length === 0) {
    out('usage: relief validate [--json] <file.yaml…>');
    return 2;
  }
  const results: { file: string; issues: TemplateIssue[]; states?: number }[] = [];
  for (const file of files) {
    let source: string;
    try {
      source = await readFile(file, 'utf8');
    } catch (error) {
      const detail =
        (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : String(error);
      const issue = {
        code: 'file-unreadable' as const,
        ...describeIssue('file-unreadable', { detail }),
      };
      results.push({ file, issues: [{ ...issue, pointer: '', line: 1, col: 1 }] });
      continue;
    }
    const { issues, template } = validateTemplate(source);
    results.push({ file, issues, ...(template && { states: countStates(template.states) }) });
  }
  const errors = results.reduce(
    (n, r) => n + r.issues.filter((i) => i.severity === 'error').length,
    0,
  );
  const warnings = results.reduce(
    (n, r) => n + r.issues.filter((i) => i.severity === 'warning').length,
    0,
  );
  if (options.json) {
    out(JSON.stringify({ files: results, errors, warnings }, null, 2));
  } else {
    for (const { file, issues } of results) {
      for (const i of issues.slice(0, MAX_LISTED_FINDINGS))
        out(`${file}:${i.line}:${i.col}: ${i.severity}: ${i.message} [${i.code}]`);
      if (issues.length > MAX_LISTED_FINDINGS)
        out(
          `${file}: and ${issues.length - MAX_LISTED_FINDINGS} more finding(s) not shown; fix these first, or use --json to list all`,
        );
    }
    out(`${results.length} file(s) checked: ${errors} error(s), ${warnings} warning(s)`);
  }
  return errors > 0 ? 1 : 0;
}

function countStates(states: Record<string, { states?: Record<string, unknown> }>): number {
  return Object.values(states).reduce(
    (n, s) => n + 1 + (s.states ? countStates(s.states as never) : 0),
    0,
  );
}
