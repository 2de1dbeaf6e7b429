/** Every template's scenarios replayed through the durable runtime on PostgreSQL (`TEST_DATABASE_URL`). */
import { afterAll } from 'vitest';
import { createTestDatabase } from '@relief/engine/store';
import { gateSuite, missingTestDatabase } from '@relief/engine/testing';
import { farmerSalesScenarios } from '../scenarios/farmer-sales.scenarios.js';
import { loveMealsScenarios } from '../scenarios/love-meals.scenarios.js';
import { medicalPassScenarios } from '../scenarios/medical-pass.scenarios.js';
import { winterKitsScenarios } from '../scenarios/winter-kits.scenarios.js';
import { createDurableDriverFactory } from './durable-driver.js';

if (gateSuite('scenarios on PostgreSQL', missingTestDatabase())) {
  const test = await createTestDatabase('postgres');
  afterAll(() => test.drop());
  const factory = createDurableDriverFactory(test.database);
  loveMealsScenarios(factory);
  medicalPassScenarios(factory);
  farmerSalesScenarios(factory);
  winterKitsScenarios(factory);
}
