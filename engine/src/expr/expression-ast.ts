/**
 * The parsed tree of an expression, for code that translates a checked expression into another
 * language (the statistics query turns a figure's `where` into SQL where it can).
 */
import type { ASTNode } from '@marcbachmann/cel-js';
import { runtimeEnvironment } from './runtime-environment.js';

/** A node of a parsed CEL expression. */
export type ExpressionNode = ASTNode;

/** Parse `source` (already checked at validation) into its tree; throws if it does not parse. */
export function parseExpressionAst(source: string): ExpressionNode {
  return runtimeEnvironment().parse(source).ast;
}
