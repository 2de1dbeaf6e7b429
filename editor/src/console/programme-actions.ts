/** Changing a programme's status with a reason (sent when the server records it). */
import { at } from './api/console-client.js';
import { ConsoleProblem } from './api/console-problem.js';
import type { Programme } from './api/contract.js';
import { consoleApi } from '../shell/session-store.js';

/** PATCH the status; a server whose schema has no `reason` yet gets the status alone. */
export async function changeStatus(
  id: string,
  status: 'active' | 'paused' | 'closed',
  reason: string,
): Promise<Programme> {
  try {
    return await consoleApi.patch<Programme>(at`/programmes/${id}`, { status, reason });
  } catch (problem) {
    if (
      problem instanceof ConsoleProblem &&
      problem.status === 422 &&
      problem.errors.some((e) => e.path === '/reason' || /reason/.test(e.message))
    )
      return consoleApi.patch<Programme>(at`/programmes/${id}`, { status });
    throw problem;
  }
}
