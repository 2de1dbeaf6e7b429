/**
 * Every name an expression uses must be declared: top-level variables, fields of `data`, `params`
 * and `event` (recursively, through nested objects and list items), and ledger names. Walks the
 * cel-js AST once and reports all unknown names, each at the offset of the name itself.
 */
import type { ASTNode } from '@marcbachmann/cel-js';
import { ROOT_NAMES, declaredFields, fieldOf } from './expr-scope.js';
import type { ExprScope, FieldSchema } from './expr-scope.js';
import type { CelBuiltins, ExprProblem } from './expr-problem.js';

/** What the walker knows about the value of a node. */
type Known =
  | { kind: 'schema'; schema: FieldSchema; path: string }
  | { kind: 'ledger' }
  | { kind: 'no-payload' }
  | { kind: 'now' }
  | undefined;

type Bound = ReadonlyMap<string, Known>;

/** Macros whose first argument names an iteration variable bound in the other arguments. */
const ITERATION_MACROS = new Set(['all', 'exists', 'exists_one', 'map', 'filter']);

/** Unknown names in `ast`: variables, fields, ledgers and global functions. */
export function checkNames(ast: ASTNode, scope: ExprScope, builtins: CelBuiltins): ExprProblem[] {
  const problems: ExprProblem[] = [];
  const report = (message: string, offset: number, length: number) =>
    problems.push({ kind: 'unknown-name', message, offset, length });

  const root = (node: ASTNode & { op: 'id' }, bound: Bound): Known => {
    const name = node.args;
    if (bound.has(name)) return bound.get(name);
    switch (name) {
      case 'data':
        return { kind: 'schema', schema: scope.data, path: 'data' };
      case 'params':
        return { kind: 'schema', schema: scope.params, path: 'params' };
      case 'event':
        return scope.event
          ? { kind: 'schema', schema: scope.event, path: 'event' }
          : { kind: 'no-payload' };
      case 'ledger':
        return { kind: 'ledger' };
      case 'now':
        return { kind: 'now' };
    }
    if (!builtins.names.has(name))
      report(
        `unknown name '${name}'; an expression may use ${ROOT_NAMES.join(', ')}`,
        node.start,
        name.length,
      );
    return undefined;
  };

  const field = (owner: Known, name: string, offset: number, length: number): Known => {
    if (owner === undefined) return undefined;
    if (owner.kind === 'ledger') {
      if (!scope.ledgers.includes(name))
        report(
          `unknown ledger '${name}'; declared ledgers: ${listOf(scope.ledgers)}`,
          offset,
          length,
        );
      return undefined;
    }
    if (owner.kind === 'now') {
      report(
        `'now' is a timestamp and has no field '${name}'; use a method such as now.getHours() or compare it with timestamp("…")`,
        offset,
        length,
      );
      return undefined;
    }
    if (owner.kind === 'no-payload') {
      report(
        `unknown field '${name}' on event; there is no event payload here (timers, entry and exit actions have none)`,
        offset,
        length,
      );
      return undefined;
    }
    if (schemaType(owner.schema) === 'array') return undefined; // `list.size` and friends: the type checker's business
    const fields = declaredFields(owner.schema);
    if (fields === undefined) return undefined;
    const sub = fieldOf(fields, name);
    if (sub === undefined) {
      report(
        `unknown field '${name}' on ${owner.path}; declared fields: ${listOf(Object.keys(fields).sort())}`,
        offset,
        length,
      );
      return undefined;
    }
    return { kind: 'schema', schema: sub, path: `${owner.path}.${name}` };
  };

  const visit = (node: ASTNode, bound: Bound): Known => {
    switch (node.op) {
      case 'id':
        return root(node, bound);
      case '.':
      case '.?': {
        const [target, name] = node.args;
        return field(visit(target, bound), name, node.pos, name.length);
      }
      case '[]':
      case '[?]': {
        const [target, index] = node.args;
        const owner = visit(target, bound);
        visit(index, bound);
        if (index.op === 'value' && typeof index.args === 'string')
          return field(owner, index.args, index.start, index.end - index.start);
        return owner?.kind === 'schema' &&
          schemaType(owner.schema) === 'array' &&
          owner.schema.items
          ? { kind: 'schema', schema: owner.schema.items, path: `${owner.path}[]` }
          : undefined;
      }
      case 'rcall': {
        const [name, receiver, args] = node.args;
        const [first, second, third] = args;
        if (
          name === 'bind' &&
          receiver.op === 'id' &&
          receiver.args === 'cel' &&
          !bound.has('cel') &&
          first?.op === 'id' &&
          second &&
          third
        ) {
          const value = visit(second, bound);
          return visit(third, new Map([...bound, [first.args, value]]));
        }
        const owner = visit(receiver, bound);
        if (ITERATION_MACROS.has(name) && first?.op === 'id') {
          const inner = new Map([...bound, [first.args, elementOf(owner)]]);
          for (const arg of args.slice(1)) visit(arg, inner);
          return undefined;
        }
        for (const arg of args) visit(arg, bound);
        return undefined;
      }
      case 'call': {
        const [name, args] = node.args;
        if (!builtins.functions.has(name)) {
          report(
            `unknown function '${name}'; functions: ${[...builtins.functions].sort().join(', ')}`,
            node.start,
            name.length,
          );
        }
        for (const arg of args) visit(arg, bound);
        return undefined;
      }
      case 'value':
        return undefined;
      case 'list':
        for (const item of node.args) visit(item, bound);
        return undefined;
      case 'map':
        for (const [key, value] of node.args) {
          visit(key, bound);
          visit(value, bound);
        }
        return undefined;
      case '!_':
      case '-_':
        visit(node.args, bound);
        return undefined;
      default:
        for (const arg of node.args) visit(arg, bound);
        return undefined;
    }
  };

  visit(ast, new Map());
  return problems.sort((a, b) => a.offset - b.offset);
}

/** What an iteration variable ranges over: list items, or the keys of a map. */
function elementOf(owner: Known): Known {
  if (owner?.kind !== 'schema') return undefined;
  const type = schemaType(owner.schema);
  if (type === 'array')
    return owner.schema.items
      ? { kind: 'schema', schema: owner.schema.items, path: `${owner.path}[]` }
      : undefined;
  if (type === 'object')
    return { kind: 'schema', schema: { type: 'string' }, path: `${owner.path} key` };
  return undefined;
}

function schemaType(schema: FieldSchema): string | undefined {
  if (typeof schema.type === 'string') return schema.type;
  return schema.properties !== undefined ? 'object' : undefined;
}

function listOf(names: readonly string[]): string {
  return names.length > 0 ? names.join(', ') : '(none)';
}
