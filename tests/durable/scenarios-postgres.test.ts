/** Every template's scenarios replayed through the durable runtime on PostgreSQL (`TEST_DATABASE_URL`). */
import { afterAll, describe, it } from 'vitest';
import { createTestDatabase, testDatabaseUrl } from '@relief/engine/store';
import { farmerSalesScenarios } from '../scenarios/farmer-sales.scenarios.js';
import { loveMealsScenarios } from '../scenarios/love-meals.scenarios.js';
import { medicalPassScenarios } from '../scenarios/medical-pass.scenarios.js';
import { winterKitsScenarios } from '../scenarios/winter-kits.scenarios.js';
import { createDurableDriverFactory } from './durable-driver.js';

if (testDatabaseUrl()) {
  const test = await createTestDatabase('postgres');
  afterAll(() => test.drop());
  const factory = createDurableDriverFactory(test.database);
  loveMealsScenarios(factory);
  medicalPassScenarios(factory);
  farmerSalesScenarios(factory);
  winterKitsScenarios(factory);
} else {
  describe('scenarios on PostgreSQL', () => {
    it.skip('skipped: set TEST_DATABASE_URL (e.g. postgres://postgres@127.0.0.1:5432/postgres) to run them', () =>
      undefined);
  });
}
