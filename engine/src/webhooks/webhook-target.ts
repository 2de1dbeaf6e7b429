/**
 * Where webhooks may be sent. By default only public addresses: loopback, private, link-local,
 * unspecified, shared, multicast and reserved ranges are refused, in every spelling the URL parser
 * accepts (decimal `2130706433`, hex `0x7f.1`, IPv6 `[::1]`, IPv4-mapped `[::ffff:127.0.0.1]`),
 * and URLs with credentials are refused outright. An operator allow-list (`WEBHOOK_ALLOWED_TARGETS`:
 * addresses, CIDR ranges and host names) lets internal receivers through.
 *
 * The same policy runs twice: on the URL when a webhook is subscribed, and on every address the
 * host name resolves to when a delivery connects (so a name that later resolves inward is refused,
 * and the connection goes to the address that was checked).
 */
import { BlockList, isIP } from 'node:net';

/** Ranges no webhook goes to unless allowed (IANA special-purpose registries, RFC 6890). */
const REFUSED_V4: [string, number, string][] = [
  ['0.0.0.0', 8, 'unspecified'],
  ['10.0.0.0', 8, 'private'],
  ['100.64.0.0', 10, 'shared (carrier-grade NAT)'],
  ['127.0.0.0', 8, 'loopback'],
  ['169.254.0.0', 16, 'link-local'],
  ['172.16.0.0', 12, 'private'],
  ['192.0.0.0', 24, 'reserved'],
  ['192.0.2.0', 24, 'reserved'],
  ['192.168.0.0', 16, 'private'],
  ['198.18.0.0', 15, 'reserved'],
  ['198.51.100.0', 24, 'reserved'],
  ['203.0.113.0', 24, 'reserved'],
  ['224.0.0.0', 4, 'multicast'],
  ['240.0.0.0', 4, 'reserved'],
];
const REFUSED_V6: [string, number, string][] = [
  ['::', 128, 'unspecified'],
  ['::1', 128, 'loopback'],
  ['fc00::', 7, 'private'],
  ['fe80::', 10, 'link-local'],
  ['fec0::', 10, 'link-local'],
  ['ff00::', 8, 'multicast'],
  ['64:ff9b:1::', 48, 'private'],
  ['2001:db8::', 32, 'reserved'],
  ['100::', 64, 'reserved'],
];

/** Why an address or URL may not receive webhooks; undefined when it may. */
export type TargetRefusal = string | undefined;

/** The checked policy: built once from the operator's allow-list. */
export interface WebhookTargetPolicy {
  /** Check a URL as written (subscription time): scheme, credentials, literal addresses, names. */
  checkUrl(url: string): TargetRefusal;
  /** Check one resolved address of `host` (delivery time). */
  checkAddress(host: string, address: string): TargetRefusal;
  /** Does the operator's allow-list name this host (a name, or an address in an allowed range)? */
  explicitlyAllows(host: string): boolean;
  /** The allow-list as configured, for logs. */
  readonly allowed: readonly string[];
}

/** Split `WEBHOOK_ALLOWED_TARGETS` (commas or spaces) into entries. */
export function parseAllowedTargets(text: string | undefined): string[] {
  return (text ?? '')
    .split(/[\s,]+/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

/** The range an address falls in, as a word for the refusal, or undefined when public. */
function refusedRange(address: string): string | undefined {
  const plain = unbracket(address);
  const family = isIP(plain);
  if (family === 0) return 'not an address';
  const v4 = family === 4 ? plain : mappedV4(plain);
  const [blocks, checked, type] =
    v4 !== undefined ? [v4Blocks, v4, 'ipv4' as const] : [v6Blocks, plain, 'ipv6' as const];
  return Object.keys(blocks).find((why) => blocks[why]!.check(checked, type));
}

function group(rows: [string, number, string][], type: 'ipv4' | 'ipv6'): Record<string, BlockList> {
  const out: Record<string, BlockList> = {};
  for (const [net, prefix, why] of rows)
    (out[why] ??= new BlockList()).addSubnet(net, prefix, type);
  return out;
}
const v4Blocks = group(REFUSED_V4, 'ipv4');
const v6Blocks = group(REFUSED_V6, 'ipv6');

function unbracket(host: string): string {
  return host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
}

/** `::ffff:a.b.c.d` (or its hex form `::ffff:7f00:1`) → `a.b.c.d`; NAT64 `64:ff9b::/96` too. */
function mappedV4(v6: string): string | undefined {
  const lower = v6.toLowerCase();
  const m = /^(?:::ffff:|::ffff:0:|64:ff9b::|::)(.+)$/.exec(lower);
  if (!m) return undefined;
  const tail = m[1]!;
  if (isIP(tail) === 4) return tail;
  const hex = /^([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(tail);
  if (!hex) return undefined;
  const hi = parseInt(hex[1]!, 16);
  const lo = parseInt(hex[2]!, 16);
  return `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;
}

/** Build the policy from allow-list entries: `10.1.2.3`, `10.0.0.0/8`, `[::1]`, `hooks.internal`. */
export function createWebhookTargetPolicy(allowed: readonly string[] = []): WebhookTargetPolicy {
  const allowBlocks = new BlockList();
  const allowNames = new Set<string>();
  for (const entry of allowed) {
    const [addr, bits] = entry.split('/') as [string, string | undefined];
    const plain = unbracket(addr);
    const family = isIP(plain);
    if (family === 0) {
      if (bits !== undefined || !/^[a-z0-9.-]+$/i.test(plain))
        throw new Error(
          `WEBHOOK_ALLOWED_TARGETS: '${entry}' is neither an address, a range nor a host name`,
        );
      allowNames.add(plain.toLowerCase().replace(/\.$/, ''));
      continue;
    }
    const type = family === 4 ? 'ipv4' : 'ipv6';
    const prefix = bits === undefined ? (family === 4 ? 32 : 128) : Number(bits);
    if (!Number.isInteger(prefix) || prefix < 0 || prefix > (family === 4 ? 32 : 128))
      throw new Error(`WEBHOOK_ALLOWED_TARGETS: '${entry}' has a bad prefix length`);
    allowBlocks.addSubnet(plain, prefix, type);
  }

  function addressAllowed(address: string): boolean {
    const plain = unbracket(address);
    const family = isIP(plain);
    if (family === 4) return allowBlocks.check(plain, 'ipv4');
    if (family === 6) {
      const v4 = mappedV4(plain);
      return (
        allowBlocks.check(plain, 'ipv6') || (v4 !== undefined && allowBlocks.check(v4, 'ipv4'))
      );
    }
    return false;
  }

  function checkAddress(host: string, address: string): TargetRefusal {
    const name = unbracket(host).toLowerCase().replace(/\.$/, '');
    if (allowNames.has(name) || addressAllowed(address)) return undefined;
    const why = refusedRange(address);
    if (why === undefined) return undefined;
    const shown = address === unbracket(host) ? address : `${host} (${address})`;
    return `${shown} is a ${why} address; webhooks go to public addresses unless the operator allows this target in WEBHOOK_ALLOWED_TARGETS`;
  }

  function checkUrl(text: string): TargetRefusal {
    let url: URL;
    try {
      url = new URL(text);
    } catch {
      return 'the webhook URL does not parse';
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:')
      return 'a webhook URL starts with http:// or https://';
    if (url.username !== '' || url.password !== '')
      return 'a webhook URL carries no user name or password (deliveries are signed instead)';
    // WHATWG URL already turned decimal, octal and hex IPv4 spellings into dotted form.
    const host = url.hostname;
    const name = unbracket(host).toLowerCase().replace(/\.$/, '');
    if (isIP(unbracket(host)) !== 0) return checkAddress(host, unbracket(host));
    if (allowNames.has(name)) return undefined;
    if (name === 'localhost' || name.endsWith('.localhost'))
      return `${host} is a loopback name; webhooks go to public addresses unless the operator allows this target in WEBHOOK_ALLOWED_TARGETS`;
    return undefined;
  }

  function explicitlyAllows(host: string): boolean {
    const plain = unbracket(host);
    return allowNames.has(plain.toLowerCase().replace(/\.$/, '')) || addressAllowed(plain);
  }

  return { checkUrl, checkAddress, explicitlyAllows, allowed: [...allowed] };
}
