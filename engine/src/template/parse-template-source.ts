/**
 * YAML → document tree with positions. Parsing problems become located findings, never exceptions:
 * a designer's typo must produce a message at its line, not a crash.
 */
import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument } from 'yaml';
import type { Document, Node, Pair } from 'yaml';
import { describeIssue } from '../errors/issue-catalog.js';
import type { IssueArgs, IssueCode, TemplateIssue } from '../errors/issue-catalog.js';
import { scanYamlLimits } from './scan-yaml-limits.js';

/** More aliases than this is treated as an attack (billion-laughs) or a mistake. */
export const MAX_YAML_ALIASES = 50;
/** YAML errors reported before the rest are summed up as one cascade finding. */
export const MAX_YAML_FINDINGS = 10;
/** A line whose indentation contains a tab. */
const TAB_INDENT = /^[ ]*\t/gm;
/** Nesting deeper than this is not a template any designer writes by hand. */
export const MAX_YAML_DEPTH = 64;

/** A parsed source: the YAML tree (for positions), its plain value, and parse findings. */
export interface ParsedSource {
  readonly source: string;
  readonly doc: Document.Parsed;
  readonly lineCounter: LineCounter;
  readonly value: unknown;
  readonly issues: TemplateIssue[];
}

/** Parse YAML text keeping positions; duplicate keys, tabs, alias bombs and deep nesting are findings. */
export function parseTemplateSource(source: string): ParsedSource {
  const lineCounter = new LineCounter();
  const doc = parseDocument(source, {
    lineCounter,
    uniqueKeys: true,
    prettyErrors: false,
    strict: true,
  });
  const parsed = {
    source,
    doc,
    lineCounter,
    value: undefined as unknown,
    issues: [] as TemplateIssue[],
  };
  const at = (offset: number, code: IssueCode, args: IssueArgs = {}) => {
    const { line, col } = lineCounter.linePos(offset);
    parsed.issues.push({ code, ...describeIssue(code, args), pointer: '', line, col });
  };

  // A file indented with tabs makes the parser report a cascade of errors (hundreds for a whole
  // template), none of which says why: say it once, at the first tab, and nothing else.
  const tabbed = [...source.matchAll(TAB_INDENT)];
  if (doc.errors.length > 0 && tabbed.length > 0) {
    at(tabbed[0]!.index + tabbed[0]![0].indexOf('\t'), 'yaml-tab', { limit: tabbed.length });
    return parsed;
  }
  for (const error of doc.errors.slice(0, MAX_YAML_FINDINGS)) {
    const offset = error.pos[0];
    if (error.code === 'DUPLICATE_KEY')
      at(offset, 'yaml-duplicate-key', { name: duplicateKeyName(source, offset) });
    else if (error.code === 'TAB_AS_INDENT' || /tab/i.test(error.message))
      at(tabOffset(source, offset), 'yaml-tab');
    else at(offset, 'yaml-syntax', { detail: firstLine(error.message) });
  }
  if (doc.errors.length > MAX_YAML_FINDINGS) {
    const last = doc.errors[MAX_YAML_FINDINGS]!.pos[0];
    at(last, 'yaml-cascade', { limit: doc.errors.length - MAX_YAML_FINDINGS });
  }
  if (parsed.issues.length > 0) return parsed;

  const { aliasOverLimit, tooDeep } = scanYamlLimits(doc, MAX_YAML_ALIASES, MAX_YAML_DEPTH);
  if (aliasOverLimit)
    at(aliasOverLimit.range?.[0] ?? 0, 'yaml-alias-limit', { limit: MAX_YAML_ALIASES });
  if (tooDeep)
    at(tooDeep.range?.[0] ?? 0, 'yaml-syntax', {
      detail: `nesting deeper than ${MAX_YAML_DEPTH} levels`,
    });
  if (parsed.issues.length > 0) return parsed;

  try {
    parsed.value = doc.toJS({ maxAliasCount: MAX_YAML_ALIASES * 20 });
  } catch (error) {
    at(0, 'yaml-syntax', {
      detail: firstLine(error instanceof Error ? error.message : String(error)),
    });
    return parsed;
  }
  if (parsed.value === null || typeof parsed.value !== 'object' || Array.isArray(parsed.value))
    at(doc.contents?.range?.[0] ?? 0, 'yaml-not-map');
  return parsed;
}

function firstLine(text: string): string {
  return text.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
}

function duplicateKeyName(source: string, offset: number): string {
  return (
    /^[^:\n]*/
      .exec(source.slice(offset))?.[0]
      .trim()
      .replace(/^["']|["']$/g, '') ?? ''
  );
}

/** Point at the tab itself, not at the token after it. */
function tabOffset(source: string, offset: number): number {
  const lineStart = source.lastIndexOf('\n', offset - 1) + 1;
  const tab = source.indexOf('\t', lineStart);
  return tab >= 0 && tab <= offset ? tab : offset;
}

/** Split an RFC 6901 pointer into unescaped segments. */
export function pointerSegments(pointer: string): string[] {
  if (pointer === '' || pointer === '/') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** Escape one segment for an RFC 6901 pointer. */
export function escapeSegment(segment: string | number): string {
  return String(segment).replace(/~/g, '~0').replace(/\//g, '~1');
}

/** Build an RFC 6901 pointer from segments. */
export function toPointer(segments: readonly (string | number)[]): string {
  return segments.map((s) => '/' + escapeSegment(s)).join('');
}

interface Found {
  node: Node | null;
  pair?: Pair;
}

function walk(doc: Document.Parsed, segments: readonly string[]): Found[] {
  const trail: Found[] = [{ node: doc.contents }];
  let node: unknown = doc.contents;
  for (const segment of segments) {
    if (isAlias(node)) break;
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === segment);
      if (!pair) break;
      node = pair.value;
      trail.push({ node: (pair.value as Node | null) ?? (pair.key as Node), pair });
    } else if (isSeq(node)) {
      const item = node.items[Number(segment)];
      if (item === undefined) break;
      node = item;
      trail.push({ node: item as Node });
    } else break;
  }
  return trail;
}

/**
 * Line and column of the node a pointer names. Block collections are reported at their key (the
 * line a designer reads as "this state"), scalars at their value; a pointer that goes past the
 * tree stops at the deepest node that exists. `key: true` always reports the key.
 */
export function locatePointer(
  parsed: ParsedSource,
  pointer: string,
  options: { key?: boolean } = {},
): { line: number; col: number } {
  const trail = walk(parsed.doc, pointerSegments(pointer));
  const last = trail[trail.length - 1]!;
  const valueIsBlock = last.node && (isMap(last.node) || isSeq(last.node)) && !last.node.flow;
  const useKey = last.pair && (options.key || valueIsBlock || last.node === null);
  const target = useKey ? (last.pair!.key as Node) : last.node;
  const offset = target?.range?.[0] ?? 0;
  return parsed.lineCounter.linePos(offset);
}

/**
 * Position of character `offset` of a scalar's value (an expression) in the source, following
 * quotes, folding and block indentation by matching the value's characters in order.
 */
export function locateInScalar(
  parsed: ParsedSource,
  pointer: string,
  offset: number,
): { line: number; col: number } {
  const trail = walk(parsed.doc, pointerSegments(pointer));
  const node = trail[trail.length - 1]!.node;
  if (!isScalar(node) || !node.range) return locatePointer(parsed, pointer);
  const scalar = node;
  const value = String(scalar.value);
  let pos = node.range[0];
  if (scalar.type === 'BLOCK_LITERAL' || scalar.type === 'BLOCK_FOLDED')
    pos = parsed.source.indexOf('\n', pos) + 1;
  else if (scalar.type === 'QUOTE_DOUBLE' || scalar.type === 'QUOTE_SINGLE') pos += 1;
  for (let i = 0; i < Math.min(offset, value.length); i++) {
    const found = parsed.source.indexOf(value[i]!, pos);
    if (found < 0 || found >= node.range[1]) break;
    pos = found + 1;
  }
  if (offset < value.length) {
    const found = parsed.source.indexOf(value[offset]!, pos);
    if (found >= 0 && found < node.range[1]) pos = found;
  }
  return parsed.lineCounter.linePos(pos);
}

/**
 * When the key at `pointer` is text cut off by a comma inside a flow map (`{ zh: …, en: Hello,
 * world }` reads `world` as a key with no value), the entry it was cut from: its key, and the text
 * as the designer meant it (the entry's value, the comma, and every key cut off after it).
 */
export function flowMapCommaSplit(
  parsed: ParsedSource,
  pointer: string,
): { entry: string; entryPointer: string; text: string } | undefined {
  const segments = pointerSegments(pointer);
  const trail = walk(parsed.doc, segments.slice(0, -1));
  if (trail.length !== segments.length) return undefined;
  const map = trail[trail.length - 1]!.node;
  if (!isMap(map) || !map.flow) return undefined;
  const at = map.items.findIndex(
    (p) => isScalar(p.key) && String(p.key.value) === segments[segments.length - 1],
  );
  if (at <= 0 || !cutOff(map.items[at]!)) return undefined;
  let first = at - 1;
  while (first > 0 && cutOff(map.items[first]!)) first -= 1;
  const owner = map.items[first]!;
  if (!isScalar(owner.key) || !isScalar(owner.value) || cutOff(owner)) return undefined;
  let last = at;
  while (last + 1 < map.items.length && cutOff(map.items[last + 1]!)) last += 1;
  const end = (map.items[last]!.key as Node).range?.[1];
  const start = owner.value.range?.[0];
  if (start === undefined || end === undefined) return undefined;
  const entry = String(owner.key.value);
  return {
    entry,
    entryPointer: toPointer([...segments.slice(0, -1), entry]),
    text: parsed.source.slice(start, end).replace(/\s+/g, ' '),
  };
}

/** A flow-map entry written as bare text: a plain scalar key with no `:` and no value. */
const cutOff = (pair: Pair): boolean =>
  pair.value === null && isScalar(pair.key) && pair.key.type === 'PLAIN';
