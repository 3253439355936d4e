// The baseline for bench:status: node:http answering fixed bytes (gzipped, as tplus sends them to
// clients that accept it) with the same headers as tplus.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';

const bodies = JSON.parse(readFileSync(process.env.BARE_BODIES as string, 'utf8')) as Record<
  string,
  { body: string; contentType: string }
>;
const encoded = Object.fromEntries(
  Object.entries(bodies).map(([path, b]) => [
    path,
    { body: gzipSync(Buffer.from(b.body)), contentType: b.contentType },
  ]),
);
const server = createServer((req, res) => {
  const found = encoded[(req.url ?? '/').split('?')[0] ?? '/'];
  if (!found) {
    res.writeHead(404);
    res.end();
    return;
  }
  res.writeHead(200, {
    'content-type': found.contentType,
    'content-length': String(found.body.length),
    'cache-control': 'public, max-age=30',
    vary: 'accept-encoding',
    'content-encoding': 'gzip',
    etag: '"bare"',
  });
  res.end(found.body);
});
server.keepAliveTimeout = 65_000;
server.listen(0, '127.0.0.1', () =>
  console.log(JSON.stringify({ msg: 'bare server started', port: (server.address() as AddressInfo).port })),
);
