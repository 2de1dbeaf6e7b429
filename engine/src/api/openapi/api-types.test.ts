/** `api-types.ts` is exactly what the schemas generate (set UPDATE_API_TYPES=1 to rewrite it). */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { format } from 'prettier';
import { describe, expect, it } from 'vitest';
import { loadApiSchemas } from './api-schemas.js';
import { schemasToTypes } from './schemas-to-types.js';

const FILE = fileURLToPath(new URL('../../contract/api-types.ts', import.meta.url));

describe('api-types.ts', () => {
  it('is generated from schemas/api and up to date', async () => {
    const generated = await format(schemasToTypes(loadApiSchemas().byName), {
      parser: 'typescript',
      singleQuote: true,
      printWidth: 100,
      trailingComma: 'all',
    });
    if (process.env.UPDATE_API_TYPES === '1') writeFileSync(FILE, generated);
    expect(readFileSync(FILE, 'utf8')).toBe(generated);
  });
});
