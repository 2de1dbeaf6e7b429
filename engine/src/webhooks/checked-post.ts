/**
 * One outbound POST for webhooks and Web Push alike: the target policy checks the URL as written,
 * and every address its host resolves to right before connecting, so a name that resolves inward
 * (now or after a DNS change) is refused and the socket goes only to a checked address.
 */
import { lookup as dnsLookup } from 'node:dns';
import type { LookupAddress } from 'node:dns';
import { request as httpRequest } from 'node:http';
import type { IncomingMessage, RequestOptions } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import type { WebhookTargetPolicy } from './webhook-target.js';

/** A delivery the target policy refused: not retried. */
export class TargetRefused extends Error {
  override name = 'TargetRefused';
}

/** The system resolver, all addresses of a name. */
export function systemResolve(host: string): Promise<LookupAddress[]> {
  return new Promise((resolve, reject) =>
    dnsLookup(host, { all: true }, (error, addresses) =>
      error ? reject(error) : resolve(addresses),
    ),
  );
}

/**
 * A `lookup` for `net.connect` that resolves, checks every address against the policy and hands
 * the checked addresses to the socket, so the connection goes to an address that was checked
 * (a name that resolves inward, now or after a DNS change, is refused).
 */
export function checkedLookup(
  policy: WebhookTargetPolicy,
  resolve: (host: string) => Promise<LookupAddress[]>,
): LookupFunction {
  return (hostname, options, callback) => {
    resolve(hostname).then(
      (addresses) => {
        const refusal = addresses
          .map((a) => policy.checkAddress(hostname, a.address))
          .find((r) => r !== undefined);
        if (refusal !== undefined || addresses.length === 0) {
          callback(new TargetRefused(refusal ?? `${hostname} has no address`), '', 0);
          return;
        }
        const wanted = options.family === 4 || options.family === 6 ? options.family : 0;
        const usable = addresses.filter((a) => wanted === 0 || a.family === wanted);
        if (options.all) callback(null, usable);
        else if (usable[0]) callback(null, usable[0].address, usable[0].family);
        else callback(new TargetRefused(`${hostname} has no IPv${wanted} address`), '', 0);
      },
      (error: unknown) =>
        callback(error instanceof Error ? error : new Error(String(error)), '', 0),
    );
  };
}

/** POST `body` and resolve to the receiver's status; the receiver's body is never read. */
export function postOnce(
  url: URL,
  body: string | Buffer,
  headers: Record<string, string>,
  lookup: LookupFunction,
  timeoutMs: number,
): Promise<number> {
  const options: RequestOptions = {
    method: 'POST',
    headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
    lookup,
    agent: false,
    signal: AbortSignal.timeout(timeoutMs),
  };
  return new Promise((resolve, reject) => {
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const req = send(url, options, (res: IncomingMessage) => {
      resolve(res.statusCode ?? 0);
      res.destroy();
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** A delivery error as the log shows it: the cause's code, never the receiver's answer. */
export function describeError(cause: unknown): string {
  if (cause instanceof TargetRefused) return `refused: ${cause.message}`;
  if (cause instanceof Error) {
    const code = (cause as { code?: unknown }).code;
    if (cause.name === 'AbortError' || cause.name === 'TimeoutError') return 'timed out';
    return typeof code === 'string'
      ? `${code}: ${cause.message}`
      : `${cause.name}: ${cause.message}`;
  }
  return String(cause);
}
