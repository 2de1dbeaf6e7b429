/**
 * A break in long work on the server's only thread (an import parsing or writing 100,000 rows),
 * so requests that arrived meanwhile (health, events, other districts) are read and answered or
 * queued for the database before the work goes on. One event-loop turn is not enough for a new
 * connection: it is accepted in one poll phase and its request read in the next.
 */
import { setImmediate as nextTurn } from 'node:timers/promises';

const TURNS = 3;

/** Give the event loop a few turns. */
export async function letOthersIn(): Promise<void> {
  for (let turn = 0; turn < TURNS; turn++) await nextTurn();
}
