/** Need-to-know on PostgreSQL: a fresh database on `TEST_DATABASE_URL`, dropped after. */
import { gateSuite, missingTestDatabase } from '../../testing/gate-suite.js';
import { needToKnowContract } from './need-to-know.contract.js';

if (gateSuite('need-to-know on postgres', missingTestDatabase())) needToKnowContract('postgres');
