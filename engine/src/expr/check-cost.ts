/**
 * What can be seen of an expression's cost before it runs. Each macro (`map`, `filter`, `all`,
 * `exists`, `exists_one`) runs its body once per element, and nested macros multiply: three maps
 * over a 1,000-element list are a billion steps. The walker bounds each range: a list literal by
 * its length, a declared list field by its `maxItems`, a `map`/`filter` by what it ranges over.
 * A bound over `EXPR_LIMITS.steps` is an error (it would be refused every time); nested macros over
 * a range with no bound are a warning (their cost depends on the data; the run-time limit refuses
 * the event when it is too much). Also: every `matches` with a literal pattern must compile on the
 * linear-time engine.
 */
import type { ASTNode } from '@marcbachmann/cel-js';
import type { ExprProblem } from './expr-problem.js';
import { EXPR_LIMITS } from './expr-limits.js';
import { declaredFields, fieldOf } from './expr-scope.js';
import type { ExprScope, FieldSchema } from './expr-scope.js';
import { linearRegexProblem } from './linear-regex.js';

const MACROS = new Set(['all', 'exists', 'exists_one', 'map', 'filter']);

/** Cost and regex problems in a parsed, name-checked expression. */
export function checkCost(ast: ASTNode, scope: ExprScope): ExprProblem[] {
  const problems: ExprProblem[] = [];
  let unboundedReported = false;

  /** Bound on the elements of `node`'s value, Infinity when unknown. */
  const sizeOf = (node: ASTNode): number => {
    switch (node.op) {
      case 'list':
        return node.args.length;
      case 'map':
        return node.args.length;
      case 'rcall': {
        const [name, receiver] = node.args;
        return name === 'map' || name === 'filter' ? sizeOf(receiver) : Infinity;
      }
      default: {
        const schema = schemaOf(node, scope);
        const max = schema?.maxItems ?? schema?.maxProperties;
        return typeof max === 'number' && Number.isFinite(max) && max >= 0 ? max : Infinity;
      }
    }
  };

  /**
   * Steps to evaluate `node` once, at least; `ranges` are the enclosing macros' ranges (outermost
   * first), each with its bound.
   */
  const visit = (node: ASTNode, ranges: readonly { node: ASTNode; size: number }[]): number => {
    if (node.op === 'rcall') {
      const [name, receiver, args] = node.args;
      if (name === 'matches') checkPattern(args[0]);
      if (MACROS.has(name) && args.length >= 2) {
        const size = sizeOf(receiver);
        const inner = [...ranges, { node: receiver, size }];
        const body = args.slice(1).reduce((sum, arg) => sum + visit(arg, inner), 0);
        const receiverSteps = visit(receiver, ranges);
        if (inner.length >= 2 && !Number.isFinite(size) && !unboundedReported) {
          unboundedReported = true;
          problems.push({
            kind: 'cost-unbounded',
            message: `'${name}' nested inside another macro ranges over a list of unknown length; the cost grows with the product of the lengths. Declare 'maxItems' on the list, or the event is refused at run time when the expression takes more than ${EXPR_LIMITS.steps.toLocaleString('en')} steps`,
            offset: node.start,
            length: node.end - node.start,
          });
        }
        // `all` and `exists` may stop early, so only `map`, `filter` and `exists_one` are sure to
        // run every iteration.
        const sure = name === 'map' || name === 'filter' || name === 'exists_one';
        return receiverSteps + (sure && Number.isFinite(size) ? size * (body + 1) : 0);
      }
      let steps = 1 + visit(receiver, ranges);
      for (const arg of args) steps += visit(arg, ranges);
      return steps;
    }
    if (node.op === 'call') {
      const [name, args] = node.args;
      if (name === 'matches') checkPattern(args[1]);
      return 1 + args.reduce((sum, arg) => sum + visit(arg, ranges), 0);
    }
    return 1 + children(node).reduce((sum, child) => sum + visit(child, ranges), 0);
  };

  const checkPattern = (arg: ASTNode | undefined) => {
    if (arg?.op !== 'value' || typeof arg.args !== 'string') return;
    const problem = linearRegexProblem(arg.args, 'cel');
    if (problem)
      problems.push({
        kind: 'regex',
        message: `regular expression '${arg.args}' ${problem.replace(/^it /, '')}`,
        offset: arg.start,
        length: arg.end - arg.start,
      });
  };

  const steps = visit(ast, []);
  if (steps > EXPR_LIMITS.steps)
    problems.unshift({
      kind: 'cost',
      message: `this expression takes at least ${steps.toLocaleString('en')} steps, more than the ${EXPR_LIMITS.steps.toLocaleString('en')} an expression may take, so every event it guards would be refused; iterate over fewer elements or do not nest map/filter`,
      offset: 0,
      length: ast.end - ast.start,
    });
  return problems;
}

function children(node: ASTNode): ASTNode[] {
  const args: unknown = node.args;
  if (node.op === 'value' || node.op === 'id') return [];
  if (node.op === 'map') return (node.args as [ASTNode, ASTNode][]).flat();
  if (Array.isArray(args)) return args.filter(isNode);
  return isNode(args) ? [args] : [];
}

function isNode(value: unknown): value is ASTNode {
  return typeof value === 'object' && value !== null && 'op' in value;
}

/** The declared schema of `data.a.b`, `params.x` or `event.y`, if the path is plain. */
function schemaOf(node: ASTNode, scope: ExprScope): FieldSchema | undefined {
  if (node.op === 'id') {
    if (node.args === 'data') return scope.data;
    if (node.args === 'params') return scope.params;
    if (node.args === 'event') return scope.event;
    return undefined;
  }
  if (node.op === '.' || node.op === '[]') {
    const [target, key] = node.args;
    const name = typeof key === 'string' ? key : key.op === 'value' ? key.args : undefined;
    const owner = schemaOf(target, scope);
    if (owner === undefined || typeof name !== 'string') return undefined;
    const fields = declaredFields(owner);
    return fields && fieldOf(fields, name);
  }
  return undefined;
}
