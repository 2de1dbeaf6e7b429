/** Run only by `gate-suite.test.ts` (a vitest of its own): a suite whose requirement is missing. */
import { it } from 'vitest';
import { gateSuite } from './gate-suite.js';

if (gateSuite('gate probe', 'the probe requirement is missing on purpose'))
  it('never runs', () => undefined);
