import { describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from './password-hash.js';

describe('password hashes', () => {
  it('are argon2id with the chosen cost, salted, and verify only the right password', async () => {
    const [a, b] = await Promise.all([
      hashPassword('长征镇 2022 春'),
      hashPassword('长征镇 2022 春'),
    ]);
    expect(a).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword(a, '长征镇 2022 春')).toBe(true);
    expect(await verifyPassword(a, '长征镇 2022 夏')).toBe(false);
    expect(await verifyPassword('not a hash', 'x')).toBe(false);
  });
});
