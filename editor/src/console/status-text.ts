/** A programme status in words. */
import type { MessageKey } from '../i18n/messages.js';

/** active → 进行中. */
export const STATUS_TEXT: Record<string, MessageKey> = {
  active: 'statusActive',
  paused: 'statusPaused',
  closed: 'statusClosed',
};
