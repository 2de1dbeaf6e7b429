/** Need-to-know on embedded PGlite. */
import { needToKnowContract } from './need-to-know.contract.js';

needToKnowContract('pglite');
