/** A local webhook receiver on 127.0.0.1: records every POST; can be told to fail the first few. */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One received request. */
export interface Received {
  headers: Record<string, string | string[] | undefined>;
  body: string;
  json: Record<string, unknown>;
  answered: number;
}

/** A running receiver. */
export interface WebhookReceiver {
  readonly url: string;
  readonly received: Received[];
  /** Answer 500 to the next `n` requests. */
  failNext(n: number): void;
  close(): Promise<void>;
}

/** Start a receiver. */
export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const received: Received[] = [];
  let failures = 0;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const answered = failures > 0 ? 500 : 204;
      if (failures > 0) failures -= 1;
      received.push({
        headers: req.headers,
        body,
        json: JSON.parse(body) as Record<string, unknown>,
        answered,
      });
      res.writeHead(answered).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks/relief`,
    received,
    failNext(n) {
      failures = n;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
