/** Every template's scenarios replayed through the durable runtime on PostgreSQL (`TEST_DATABASE_URL`). */
import { afterAll } from 'vitest';
import { createTestDatabase } from '@relief/engine/store';
import { gateSuite, missingTestDatabase } from '@relief/engine/testing';
import { farmerSalesScenarios } from '../scenarios/farmer-sales.scenarios.js';
import { feverMedicineScenarios } from '../scenarios/fever-medicine.scenarios.js';
import { hardshipWorkersScenarios } from '../scenarios/hardship-workers.scenarios.js';
import { loveMealsScenarios } from '../scenarios/love-meals.scenarios.js';
import { medicalPassScenarios } from '../scenarios/medical-pass.scenarios.js';
import { oneOnOneCareScenarios } from '../scenarios/one-on-one-care.scenarios.js';
import { pairedSupportScenarios } from '../scenarios/paired-support.scenarios.js';
import { pupilDataScenarios } from '../scenarios/pupil-data.scenarios.js';
import { volunteerOnboardingScenarios } from '../scenarios/volunteer-onboarding.scenarios.js';
import { winterKitsScenarios } from '../scenarios/winter-kits.scenarios.js';
import { createDurableDriverFactory } from './durable-driver.js';
import { startStatsOverHttp } from './stats-over-http.js';

if (gateSuite('scenarios on PostgreSQL', missingTestDatabase())) {
  const test = await createTestDatabase('postgres');
  const stats = await startStatsOverHttp(test.database);
  afterAll(async () => {
    await stats.close();
    await test.drop();
  });
  const factory = createDurableDriverFactory(test.database, stats);
  loveMealsScenarios(factory);
  medicalPassScenarios(factory);
  farmerSalesScenarios(factory);
  winterKitsScenarios(factory);
  oneOnOneCareScenarios(factory);
  feverMedicineScenarios(factory);
  hardshipWorkersScenarios(factory);
  pairedSupportScenarios(factory);
  volunteerOnboardingScenarios(factory);
  pupilDataScenarios(factory);
}
