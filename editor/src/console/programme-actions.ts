/** Changing a programme's status, with the reason the server records beside the change. */
import type { Programme } from '@relief/engine/contract';
import { api } from '../shell/session-store.js';

/** PATCH the status and why. */
export function changeStatus(
  id: string,
  status: 'active' | 'paused' | 'closed',
  reason: string,
): Promise<Programme> {
  return api.call('changeProgramme', { path: { id }, body: { status, reason } });
}
