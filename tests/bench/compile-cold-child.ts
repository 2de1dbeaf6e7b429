/**
 * One cold validate + compile: a fresh process imports the engine, then times its first
 * `validateTemplate` and `compileTemplate` of the template file given as argument. Prints JSON.
 */
import { readFileSync } from 'node:fs';
import { compileTemplate, validateTemplate } from '../../engine/src/index.js';

const source = readFileSync(process.argv[2]!, 'utf8');
const t0 = performance.now();
const validation = validateTemplate(source);
const t1 = performance.now();
if (!validation.template) throw new Error(`template does not validate: ${process.argv[2]}`);
compileTemplate(validation.template);
const t2 = performance.now();
process.stdout.write(JSON.stringify({ validateMs: t1 - t0, compileMs: t2 - t1, totalMs: t2 - t0 }));
