/** The engine's pure layers: template → compile → runtime step. Safe to import in a browser. */
export * from './errors/index.js';
export * from './template/index.js';
export * from './expr/index.js';
export * from './compile/index.js';
export * from './runtime/index.js';
export { toCsvLine, toSafeCell } from './export/to-safe-cell.js';
