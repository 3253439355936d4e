import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { DocumentStore, StoredDocument } from '../../../src/usecases/document-ports.ts';
import { documentRoutes } from '../../../src/web/document-routes.ts';

const TOKEN = 'internal-token-0123456789abcdef';
const doc: StoredDocument = {
  id: 3,
  incidentId: 7,
  kind: 'rca',
  customerId: 'acme',
  markdown: '# Root cause analysis: INC-7\n\nHello \\<b\\>\n',
  sections: {},
  state: 'draft',
  revision: 2,
  createdAt: new Date(0),
  updatedAt: new Date(0),
  editedBy: null,
  approvedBy: null,
  approvedAt: null,
  sentBy: null,
  sentAt: null,
};
/** Only `get` is used by the routes; the rest of the store is not reached. */
const documents = { get: async (id: number) => (id === doc.id ? doc : undefined) } as unknown as DocumentStore;

let server: Server | undefined;
async function serve(token: string | undefined): Promise<string> {
  const [route] = documentRoutes({ token, documents });
  server = createServer((req, res) => void route!.handle(req, res, ''));
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe('document routes', () => {
  afterEach(async () => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

  it('do not exist (404) when TPLUS_INTERNAL_TOKEN is not configured, even with a bearer token', async () => {
    const base = await serve(undefined);
    expect((await fetch(`${base}/documents/3`, { headers: { authorization: `Bearer ${TOKEN}` } })).status).toBe(404);
  });

  it('export the Markdown as a named download with the token', async () => {
    const base = await serve(TOKEN);
    const response = await fetch(`${base}/documents/3.md`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="incident-7-rca-acme-r2.md"');
    expect(await response.text()).toBe(doc.markdown);
  });

  it('render the HTML page with the heading as its title and the escaped text inert', async () => {
    const base = await serve(TOKEN);
    const html = await (await fetch(`${base}/documents/3`, { headers: { authorization: `Bearer ${TOKEN}` } })).text();
    expect(html).toContain('<title>Root cause analysis: INC-7</title>');
    expect(html).toContain('Hello &lt;b&gt;');
  });

  it('refuse a wrong token (401) and a malformed id (400) before looking anything up', async () => {
    const base = await serve(TOKEN);
    expect((await fetch(`${base}/documents/3`, { headers: { authorization: 'Bearer nope' } })).status).toBe(401);
    expect((await fetch(`${base}/documents/3.html`, { headers: { authorization: `Bearer ${TOKEN}` } })).status).toBe(
      400,
    );
    expect((await fetch(`${base}/documents/4`, { headers: { authorization: `Bearer ${TOKEN}` } })).status).toBe(404);
  });
});
