/**
 * Every `pattern` and `patternProperties` key in a template's data, parameter and form schemas runs
 * on the linear-time engine (`linearRegExpForAjv`), so each must compile there: no backreferences,
 * no lookaround. Refused here, at the pattern, rather than when a case is opened.
 */
import type { IssueArgs, IssueCode } from '../errors/issue-catalog.js';
import { linearRegexProblem } from '../expr/linear-regex.js';
import { escapeSegment } from './parse-template-source.js';

type Report = (code: IssueCode, pointer: string, args: IssueArgs) => void;

// Values, not schemas: a `pattern` key inside a default is data.
const NOT_SCHEMAS = new Set(['default', 'const', 'enum', 'examples']);

/**
 * Report each pattern under `schema` (at `pointer`) that the linear-time engine cannot run;
 * returns how many were reported.
 */
export function checkSchemaPatterns(schema: unknown, pointer: string, report: Report): number {
  if (Array.isArray(schema))
    return schema.reduce<number>(
      (n, item, i) => n + checkSchemaPatterns(item, `${pointer}/${i}`, report),
      0,
    );
  if (schema === null || typeof schema !== 'object') return 0;
  let found = 0;
  for (const [key, value] of Object.entries(schema as Record<string, unknown>)) {
    const at = `${pointer}/${escapeSegment(key)}`;
    if (key === 'pattern' && typeof value === 'string') found += check(value, at, report);
    else if (key === 'patternProperties' && value !== null && typeof value === 'object') {
      for (const [pattern, sub] of Object.entries(value as Record<string, unknown>)) {
        const subAt = `${at}/${escapeSegment(pattern)}`;
        found += check(pattern, subAt, report) + checkSchemaPatterns(sub, subAt, report);
      }
    } else if (!NOT_SCHEMAS.has(key)) found += checkSchemaPatterns(value, at, report);
  }
  return found;
}

function check(pattern: string, pointer: string, report: Report): number {
  const problem = linearRegexProblem(pattern, 'json-schema');
  if (!problem) return 0;
  report('regex-unsupported', pointer, {
    found: pattern,
    detail: `pattern '${pattern}' ${problem.replace(/^it /, '')}`,
  });
  return 1;
}
