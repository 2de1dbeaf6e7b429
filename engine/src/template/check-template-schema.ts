/**
 * Structural check against `schemas/template.schema.json` (ajv, compiled once, allErrors). Ajv's
 * raw errors for `oneOf` shapes are noisy; they are folded into one finding per place, phrased
 * from the catalog and located at the line and column of the offending key or value.
 */
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { ErrorObject, ValidateFunction } from 'ajv';
import templateSchema from '../../../schemas/template.schema.json' with { type: 'json' };
import { describeIssue } from '../errors/issue-catalog.js';
import type { IssueArgs, IssueCode, TemplateIssue } from '../errors/issue-catalog.js';
import { escapeSegment, flowMapCommaSplit, locatePointer } from './parse-template-source.js';
import type { ParsedSource } from './parse-template-source.js';

let validateTemplateShape: ValidateFunction | undefined;

/** The compiled schema validator, built on first use and shared. */
function shapeValidator(): ValidateFunction {
  validateTemplateShape ??= new Ajv2020({
    allErrors: true,
    strict: true,
    allowUnionTypes: true,
    verbose: true,
  }).compile(templateSchema);
  return validateTemplateShape;
}

/** Check a parsed template's structure; returns located findings (empty when it conforms). */
export function checkTemplateSchema(parsed: ParsedSource): TemplateIssue[] {
  const validate = shapeValidator();
  if (validate(parsed.value)) return [];
  const seen = new Set<string>();
  return foldErrors(validate.errors ?? [])
    .map((folded) => (folded.code === 'schema-unknown-key' ? explainCut(parsed, folded) : folded))
    .filter(
      ({ code, pointer }) => !seen.has(`${code} ${pointer}`) && seen.add(`${code} ${pointer}`),
    )
    .map(({ code, args, pointer, atKey }) => ({
      code,
      ...describeIssue(code, args),
      pointer,
      ...locatePointer(parsed, pointer, { key: atKey }),
    }));
}

/**
 * An unknown key that is really the rest of a text cut at a comma inside `{ … }` is reported as
 * that, once, at the entry it was cut from: "unknown key 'world'" would send the designer looking
 * for a key they never meant to write.
 */
function explainCut(parsed: ParsedSource, folded: Folded): Folded {
  const cut = flowMapCommaSplit(parsed, folded.pointer);
  if (!cut) return folded;
  return {
    code: 'yaml-flow-comma',
    args: { name: cut.entry, found: cut.text },
    pointer: cut.entryPointer,
    atKey: true,
  };
}

interface Folded {
  code: IssueCode;
  args: IssueArgs;
  pointer: string;
  atKey: boolean;
}

const describeType = (value: unknown): string =>
  value === null
    ? 'null'
    : Array.isArray(value)
      ? 'a list'
      : typeof value === 'object'
        ? 'a map'
        : `${typeof value} ${JSON.stringify(value)}`;

/**
 * At one place, if some branch of a `oneOf` matched the value's type and then failed on something
 * else, that branch is what the designer meant: keep its errors and drop the other branches' type
 * mismatches. If only type errors remain, merge them into one "expected A or B".
 */
function foldErrors(errors: readonly ErrorObject[]): Folded[] {
  const byPath = new Map<string, ErrorObject[]>();
  for (const e of errors) {
    // `propertyNames` reports twice: the key's own error (with `propertyName`) and a wrapper
    // whose data is the whole map. The key's error is the finding, located at the key.
    if (e.keyword === 'propertyNames') continue;
    byPath.set(e.instancePath, [...(byPath.get(e.instancePath) ?? []), e]);
  }
  const paths = [...byPath.keys()];
  const out: Folded[] = [];
  for (const [path, group] of byPath) {
    const deeper = paths.some((p) => p !== path && p.startsWith(path + '/'));
    const concrete = group.filter(
      (e) => !['oneOf', 'anyOf', 'type', 'if', 'not'].includes(e.keyword),
    );
    const types = group.filter((e) => e.keyword === 'type');
    if (
      group.some((e) => e.keyword === 'oneOf' && titleOf(e) === 'Label') &&
      concrete.every((e) => e.keyword !== 'additionalProperties' && e.keyword !== 'required')
    ) {
      if (!deeper) out.push({ code: 'schema-label', args: {}, pointer: path, atKey: false });
      continue;
    }
    if (group.some((e) => e.keyword === 'oneOf' && titleOf(e) === 'Action')) {
      const value: unknown = group[0]!.data;
      const keys =
        value && typeof value === 'object' && !Array.isArray(value)
          ? Object.keys(value).join(', ')
          : describeType(value);
      out.push({ code: 'schema-action', args: { found: keys }, pointer: path, atKey: false });
      continue;
    }
    if (concrete.length > 0) {
      for (const e of dedupe(concrete)) out.push(atKeyIfNamed(fromConcrete(e), e));
    } else if (types.length > 0 && !deeper) {
      const expected = [
        ...new Set(types.flatMap((e) => [e.params.type as string | string[]].flat())),
      ];
      out.push({
        code: 'schema-type',
        args: { expected: expected.join(' or '), found: describeType(types[0]!.data) },
        pointer: path,
        atKey: false,
      });
    } else if (!deeper) {
      out.push({
        code: 'schema-value',
        args: { detail: 'does not match any allowed form' },
        pointer: path,
        atKey: false,
      });
    }
  }
  return out;
}

/** A finding about a key (`propertyNames`) points at the key itself, not at its map. */
function atKeyIfNamed(folded: Folded, e: ErrorObject): Folded {
  if (e.propertyName === undefined) return folded;
  return { ...folded, pointer: `${e.instancePath}/${escapeSegment(e.propertyName)}`, atKey: true };
}

function dedupe(errors: ErrorObject[]): ErrorObject[] {
  const seen = new Set<string>();
  return errors.filter((e) => {
    const key = `${e.keyword}:${JSON.stringify(e.params)}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function fromConcrete(e: ErrorObject): Folded {
  const path = e.instancePath;
  switch (e.keyword) {
    case 'required':
      return {
        code: 'schema-required',
        args: { name: e.params.missingProperty as string },
        pointer: path,
        atKey: false,
      };
    case 'additionalProperties': {
      const name = e.params.additionalProperty as string;
      const props = (e.parentSchema as { properties?: Record<string, unknown> } | undefined)
        ?.properties;
      return {
        code: 'schema-unknown-key',
        args: { name, known: props ? Object.keys(props) : [] },
        pointer: `${path}/${escapeSegment(name)}`,
        atKey: true,
      };
    }
    case 'pattern':
      if (titleOf(e) === 'ISO 8601 duration')
        return {
          code: 'invalid-duration',
          args: { found: String(e.data) },
          pointer: path,
          atKey: false,
        };
      return {
        code: 'schema-value',
        args: {
          detail:
            `${JSON.stringify(e.propertyName ?? e.data)} is not a valid ${titleOf(e)?.toLowerCase() ?? 'value'}. ${descriptionOf(e)?.replace(/\.$/, '') ?? ''}`.trim(),
        },
        pointer: path,
        atKey: false,
      };
    case 'enum':
      return {
        code: 'schema-value',
        args: {
          detail: `${JSON.stringify(e.data)} is not one of ${(e.params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`,
        },
        pointer: path,
        atKey: false,
      };
    case 'const':
      return {
        code: 'schema-value',
        args: {
          detail: `expected ${JSON.stringify(e.params.allowedValue)}, found ${JSON.stringify(e.data)}`,
        },
        pointer: path,
        atKey: false,
      };
    default:
      return {
        code: 'schema-value',
        args: { detail: `${JSON.stringify(e.data)} ${e.message ?? 'is not allowed'}` },
        pointer: path,
        atKey: false,
      };
  }
}

/** The schema's own words for what it wants: every definition has a title and a description. */
function titleOf(e: ErrorObject): string | undefined {
  return (e.parentSchema as { title?: string } | undefined)?.title;
}

function descriptionOf(e: ErrorObject): string | undefined {
  return (e.parentSchema as { description?: string } | undefined)?.description;
}
