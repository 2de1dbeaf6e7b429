/** Every template's scenarios against the pure in-memory driver. */
import { createInMemoryDriver } from './in-memory-driver.js';
import { farmerSalesScenarios } from './farmer-sales.scenarios.js';
import { feverMedicineScenarios } from './fever-medicine.scenarios.js';
import { hardshipWorkersScenarios } from './hardship-workers.scenarios.js';
import { loveMealsScenarios } from './love-meals.scenarios.js';
import { medicalPassScenarios } from './medical-pass.scenarios.js';
import { oneOnOneCareScenarios } from './one-on-one-care.scenarios.js';
import { pairedSupportScenarios } from './paired-support.scenarios.js';
import { pupilDataScenarios } from './pupil-data.scenarios.js';
import { volunteerOnboardingScenarios } from './volunteer-onboarding.scenarios.js';
import { winterKitsScenarios } from './winter-kits.scenarios.js';

loveMealsScenarios(createInMemoryDriver);
medicalPassScenarios(createInMemoryDriver);
farmerSalesScenarios(createInMemoryDriver);
winterKitsScenarios(createInMemoryDriver);
oneOnOneCareScenarios(createInMemoryDriver);
feverMedicineScenarios(createInMemoryDriver);
hardshipWorkersScenarios(createInMemoryDriver);
pairedSupportScenarios(createInMemoryDriver);
volunteerOnboardingScenarios(createInMemoryDriver);
pupilDataScenarios(createInMemoryDriver);
