/** Every template's scenarios against the pure in-memory driver. */
import { createInMemoryDriver } from './in-memory-driver.js';
import { farmerSalesScenarios } from './farmer-sales.scenarios.js';
import { loveMealsScenarios } from './love-meals.scenarios.js';
import { medicalPassScenarios } from './medical-pass.scenarios.js';
import { winterKitsScenarios } from './winter-kits.scenarios.js';

loveMealsScenarios(createInMemoryDriver);
medicalPassScenarios(createInMemoryDriver);
farmerSalesScenarios(createInMemoryDriver);
winterKitsScenarios(createInMemoryDriver);
