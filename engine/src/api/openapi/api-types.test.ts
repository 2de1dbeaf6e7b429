/**
 * `contract/api-types.ts` and `contract/api-operations.ts` are exactly what the schemas and the
 * operation table generate (set UPDATE_API_TYPES=1 to rewrite them).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { format } from 'prettier';
import { describe, expect, it } from 'vitest';
import { API_OPERATIONS } from '../api-operations.js';
import { loadApiSchemas } from './api-schemas.js';
import { operationsToTypes } from './operations-to-types.js';
import { schemasToTypes } from './schemas-to-types.js';

const contractFile = (name: string) =>
  fileURLToPath(new URL(`../../contract/${name}`, import.meta.url));

async function expectGenerated(name: string, source: string): Promise<void> {
  const generated = await format(source, {
    parser: 'typescript',
    singleQuote: true,
    printWidth: 100,
    trailingComma: 'all',
  });
  if (process.env.UPDATE_API_TYPES === '1') writeFileSync(contractFile(name), generated);
  expect(readFileSync(contractFile(name), 'utf8')).toBe(generated);
}

describe('the generated contract', () => {
  it('api-types.ts is generated from schemas/api and up to date', async () => {
    await expectGenerated('api-types.ts', schemasToTypes(loadApiSchemas().byName));
  });

  it('api-operations.ts is generated from the operation table and up to date', async () => {
    await expectGenerated('api-operations.ts', operationsToTypes(API_OPERATIONS));
  });
});
