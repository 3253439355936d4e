// The floor for a correct Slack receiver: plain node:http that reads the body, checks the request
// signature as Slack requires, and answers 200 with nothing else done.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

const secret = process.env.SLACK_SIGNING_SECRET as string;
// Slack's replay window: a request signed more than five minutes away from now is refused.
const MAX_SKEW_S = 5 * 60;

function isSignedBySlack(body: Buffer, timestamp: string, signature: string, nowS: number): boolean {
  const ts = Number(timestamp);
  if (!Number.isInteger(ts) || Math.abs(nowS - ts) > MAX_SKEW_S) return false;
  const expected = Buffer.from(
    `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:`).update(body).digest('hex')}`,
  );
  const given = Buffer.from(signature);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    const isValid = isSignedBySlack(
      Buffer.concat(chunks),
      String(req.headers['x-slack-request-timestamp'] ?? ''),
      String(req.headers['x-slack-signature'] ?? ''),
      Math.floor(Date.now() / 1000),
    );
    res.writeHead(isValid ? 200 : 401).end();
  });
});
server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  const { port } = server.address() as AddressInfo;
  console.log(JSON.stringify({ msg: 'bare http started', port }));
});
