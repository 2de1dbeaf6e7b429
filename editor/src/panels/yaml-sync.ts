/** Helpers of the YAML panel: the smallest text change between two sources, findings as lint marks. */
import type { Diagnostic } from '@codemirror/lint';
import type { Text } from '@codemirror/state';
import type { TemplateIssue } from '@relief/engine';

/** One replacement covering only what differs (common prefix and suffix are kept). */
export function minimalChange(
  from: string,
  to: string,
): { from: number; to: number; insert: string } {
  let start = 0;
  const max = Math.min(from.length, to.length);
  while (start < max && from.charCodeAt(start) === to.charCodeAt(start)) start++;
  let endFrom = from.length;
  let endTo = to.length;
  while (
    endFrom > start &&
    endTo > start &&
    from.charCodeAt(endFrom - 1) === to.charCodeAt(endTo - 1)
  ) {
    endFrom--;
    endTo--;
  }
  return { from: start, to: endFrom, insert: to.slice(start, endTo) };
}

/** Each finding marks the token at its line and column. */
export function toDiagnostics(doc: Text, issues: readonly TemplateIssue[]): Diagnostic[] {
  return issues.map((issue) => {
    const line = doc.line(Math.min(Math.max(1, issue.line), doc.lines));
    const from = Math.min(line.from + Math.max(0, issue.col - 1), line.to);
    const rest = doc.sliceString(from, line.to);
    const token = /^[^\s,}\]]*/.exec(rest)?.[0].length ?? 0;
    return {
      from,
      to: Math.max(from, Math.min(line.to, from + Math.max(token, 1))),
      severity: issue.severity,
      message: `${issue.message} [${issue.code}]`,
    };
  });
}
