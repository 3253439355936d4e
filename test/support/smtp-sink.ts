import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  to: string[];
  raw: string;
  headers: Map<string, string>;
  body: string;
}

/**
 * A real SMTP server on loopback (the smtp-server package, no auth, no TLS) that keeps every
 * message it is given. `holdReply(n)` makes it read the n-th message (0-based) whole and then not
 * answer, as while a client dies mid-send: the message has arrived, the client never hears so.
 */
export async function startSmtpSink({ holdReply = () => false }: { holdReply?: (n: number) => boolean } = {}) {
  const received: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const [head = '', ...rest] = raw.split(/\r?\n\r?\n/);
        const headers = new Map<string, string>();
        for (const line of head.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
          const at = line.indexOf(':');
          if (at > 0) headers.set(line.slice(0, at).toLowerCase(), line.slice(at + 1).trim());
        }
        const n = received.push({
          to: session.envelope.rcptTo.map((r) => r.address),
          raw,
          headers,
          body: rest.join('\n\n'),
        });
        if (!holdReply(n - 1)) callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as { port: number };
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    /** Quoted-printable soft breaks undone, so links and sentences read whole. */
    text: (mail: ReceivedMail) => mail.body.replace(/=\r?\n/g, '').replace(/=3D/g, '='),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
