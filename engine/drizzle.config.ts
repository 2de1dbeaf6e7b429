/** drizzle-kit: generates SQL migrations from the one schema file (`drizzle-kit generate`). */
import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  schema: './src/store/schema.ts',
  out: './src/store/migrations',
});
