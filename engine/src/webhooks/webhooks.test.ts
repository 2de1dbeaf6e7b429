/** Webhook signatures and retry spacing. */
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { retryDelay } from './retry-delay.js';
import { signWebhook, verifyWebhookSignature } from './sign-webhook.js';

describe('signWebhook', () => {
  const at = new Date('2026-01-02T03:04:05Z');
  const body = '{"event":"meal.delivered","data":{"name":"王阿婆"}}';

  it('signs "<t>.<body>" with HMAC-SHA256 of the secret, as receivers recompute it', () => {
    const header = signWebhook('whsec_test', body, at);
    const t = Math.floor(at.getTime() / 1000);
    const hex = createHmac('sha256', 'whsec_test').update(`${t}.${body}`).digest('hex');
    expect(header).toBe(`t=${t},v1=${hex}`);
  });

  it('verifies the right secret and body within the tolerance only', () => {
    const header = signWebhook('whsec_test', body, at);
    expect(verifyWebhookSignature('whsec_test', header, body, at)).toBe(true);
    expect(verifyWebhookSignature('whsec_other', header, body, at)).toBe(false);
    expect(verifyWebhookSignature('whsec_test', header, body + ' ', at)).toBe(false);
    expect(
      verifyWebhookSignature('whsec_test', header, body, new Date(at.getTime() + 301_000)),
    ).toBe(false);
    expect(verifyWebhookSignature('whsec_test', 'garbage', body, at)).toBe(false);
    expect(verifyWebhookSignature('whsec_test', undefined, body, at)).toBe(false);
  });
});

describe('retryDelay', () => {
  const policy = { baseMs: 1000, maxMs: 8000, maxAttempts: 6 };

  it('doubles from the base, caps, jitters by ±20 %, and gives up after the last attempt', () => {
    expect([1, 2, 3, 4, 5].map((n) => retryDelay(n, policy, () => 0.5))).toEqual([
      1000, 2000, 4000, 8000, 8000,
    ]);
    expect(retryDelay(1, policy, () => 0)).toBe(800);
    expect(retryDelay(1, policy, () => 0.999999)).toBe(1200);
    expect(retryDelay(6, policy)).toBeNull();
  });
});
