/** drizzle-kit for the webhook tables (`drizzle-kit generate --config drizzle-webhooks.config.ts`). */
import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  schema: './src/store/webhook-schema.ts',
  out: './src/store/webhook-migrations',
});
