export type { FieldSchema, ExprScope, ExprExpect } from './expr-scope.js';
export { checkExpression, EXPR_PROBLEM_CODES } from './check-expression.js';
export type { ExprProblem } from './expr-problem.js';
export { compileExpression } from './compile-expression.js';
export type { CompiledExpression, ExprContext } from './compile-expression.js';
export { ExprSyntaxError } from './expr-syntax-error.js';
export { ExprEvalError } from './expr-eval-error.js';
export { parseExpressionAst } from './expression-ast.js';
export type { ExpressionNode } from './expression-ast.js';
