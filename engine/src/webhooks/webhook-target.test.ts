/** The webhook target policy: what may be subscribed and what a resolved address may be. */
import { describe, expect, it } from 'vitest';
import { createWebhookTargetPolicy, parseAllowedTargets } from './webhook-target.js';

describe('webhook target policy', () => {
  const policy = createWebhookTargetPolicy();

  it('refuses loopback, private, link-local and unspecified targets in every spelling', () => {
    for (const url of [
      'http://127.0.0.1:5432/',
      'http://127.1/',
      'http://2130706433:5432/',
      'http://0x7f.1:5432/',
      'http://0177.0.0.1/',
      'http://0x7f000001/',
      'http://localhost:23411/api/v1/keys',
      'http://LOCALHOST./',
      'http://api.localhost/',
      'http://169.254.169.254/latest/meta-data/',
      'http://[::1]:22/',
      'http://[::]/',
      'http://[0:0:0:0:0:0:0:1]/',
      'http://[::ffff:127.0.0.1]/',
      'http://[::ffff:7f00:1]/',
      'http://[::ffff:169.254.169.254]/',
      'http://[fe80::1]/',
      'http://[fd00::1]/',
      'http://0.0.0.0:6379/',
      'http://0/',
      'http://10.1.2.3/',
      'http://172.16.0.1/',
      'http://192.168.1.1/',
      'http://100.64.0.1/',
      'http://224.0.0.1/',
    ])
      expect(policy.checkUrl(url), url).toMatch(/address|name/);
  });

  it('refuses credentials in the URL and schemes other than http(s)', () => {
    expect(policy.checkUrl('https://user:pass@hooks.example.org/')).toMatch(
      /user name or password/,
    );
    expect(policy.checkUrl('https://user@hooks.example.org/')).toMatch(/user name or password/);
    expect(policy.checkUrl('ftp://hooks.example.org/')).toMatch(/http/);
    expect(policy.checkUrl('not a url')).toMatch(/does not parse/);
  });

  it('accepts public addresses and names (names are checked again when delivering)', () => {
    for (const url of [
      'https://hooks.example.org/relief',
      'http://93.184.216.34/',
      'http://[2606:4700:4700::1111]/',
      'http://8.8.8.8:8080/x',
    ])
      expect(policy.checkUrl(url), url).toBeUndefined();
    expect(policy.checkAddress('hooks.example.org', '93.184.216.34')).toBeUndefined();
    expect(policy.checkAddress('hooks.example.org', '169.254.169.254')).toMatch(
      /hooks\.example\.org \(169\.254\.169\.254\) is a link-local address/,
    );
    expect(policy.checkAddress('rebind.example', '::ffff:10.0.0.1')).toMatch(/private/);
  });

  it('lets the operator allow addresses, ranges and names', () => {
    const allowed = createWebhookTargetPolicy(
      parseAllowedTargets('127.0.0.1, 10.20.0.0/16 hooks.internal [::1]'),
    );
    expect(allowed.checkUrl('http://127.0.0.1:9/x')).toBeUndefined();
    expect(allowed.checkUrl('http://2130706433:9/x')).toBeUndefined();
    expect(allowed.checkUrl('http://[::ffff:127.0.0.1]:9/x')).toBeUndefined();
    expect(allowed.checkUrl('http://127.0.0.2/')).toMatch(/loopback/);
    expect(allowed.checkUrl('http://10.20.3.4/')).toBeUndefined();
    expect(allowed.checkUrl('http://10.21.3.4/')).toMatch(/private/);
    expect(allowed.checkUrl('http://[::1]/')).toBeUndefined();
    expect(allowed.checkAddress('hooks.internal', '10.9.9.9')).toBeUndefined();
    expect(allowed.checkAddress('other.internal', '10.9.9.9')).toMatch(/private/);
    expect(allowed.checkUrl('http://user:x@127.0.0.1/')).toMatch(/user name/);
    expect(() => createWebhookTargetPolicy(['10.0.0.0/40'])).toThrow(/prefix/);
    expect(() => createWebhookTargetPolicy(['http://x/'])).toThrow(/neither/);
  });
});
