import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A request the receiver got, with whether its signature checked out against the secret. */
export interface ReceivedWebhook {
  headers: IncomingMessage['headers'];
  body: Record<string, unknown>;
  signatureValid: boolean;
  /** The signature's timestamp (unix seconds). */
  timestamp: number;
}

export interface WebhookReceiver {
  url: string;
  received: ReceivedWebhook[];
  /** How the next request is answered instead of 200 `{reference}` (a status, or no answer at all). */
  answerNext(answer: { status: number; body?: string; location?: string } | 'hang'): void;
  close(): Promise<void>;
}

/**
 * An HTTP endpoint on loopback that checks each request's Brigade-Signature the way docs/notifications.md
 * tells a receiver to (written here independently of the sender) and answers 200 `{reference}`.
 */
export async function startWebhookReceiver(secret: string): Promise<WebhookReceiver> {
  const received: ReceivedWebhook[] = [];
  const answers: Parameters<WebhookReceiver['answerNext']>[0][] = [];
  const hanging: ServerResponse[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const answer = answers.shift();
      if (answer === 'hang') {
        hanging.push(response);
        return;
      }
      if (answer) {
        response.writeHead(answer.status, answer.location ? { location: answer.location } : {});
        response.end(answer.body ?? '');
        return;
      }
      const signature = String(request.headers['brigade-signature'] ?? '');
      const match = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(signature);
      const timestamp = Number(match?.[1] ?? 0);
      const expected = createHmac('sha256', secret).update(`${match?.[1]}.${raw}`).digest();
      const given = Buffer.from(match?.[2] ?? '', 'hex');
      received.push({
        headers: request.headers,
        body: JSON.parse(raw) as Record<string, unknown>,
        signatureValid: given.length === expected.length && timingSafeEqual(given, expected),
        timestamp,
      });
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ reference: `hook-${received.length}` }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/notify`,
    received,
    answerNext: (answer) => answers.push(answer),
    close: async () => {
      for (const response of hanging) response.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
