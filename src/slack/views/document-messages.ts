import type { MessageSpec } from '../../usecases/ports.ts';
import { escapeMrkdwn, plainText } from '../escape.ts';
import { ACTION } from '../ids.ts';
import type { RenderedMessage } from './ticket-messages.ts';

const SECTION_CHARS = 2900;

/** Markdown backslash escapes undone: the text is escaped again for mrkdwn, which is what keeps it inert. */
const unescapeMarkdown = (text: string): string =>
  text.replace(/\\([\\`*_{}[\]()#+\-.!<>|~&])/g, '$1').replace(/\\\n/g, '\n');

/**
 * A part of a document as Slack blocks: headings become header blocks, everything else escaped
 * mrkdwn sections (≤ 3,000 characters each), so nothing in it can mention, link or format.
 */
export function documentPart(markdown: string): RenderedMessage {
  const blocks: unknown[] = [];
  let body: string[] = [];
  const flush = () => {
    const text = escapeMrkdwn(unescapeMarkdown(body.join('\n').trim()));
    for (let i = 0; i < text.length; i += SECTION_CHARS)
      blocks.push({ type: 'section', text: { type: 'mrkdwn', text: text.slice(i, i + SECTION_CHARS) } });
    body = [];
  };
  for (const line of markdown.split('\n')) {
    const heading = /^#{1,6} (.*)$/.exec(line);
    if (!heading) {
      body.push(line);
      continue;
    }
    flush();
    blocks.push({ type: 'header', text: plainText(unescapeMarkdown(heading[1] as string), 150) });
  }
  flush();
  const first = blocks.find((b) => (b as { type: string }).type === 'header') as { text: { text: string } } | undefined;
  return { text: first?.text.text ?? 'Incident document', blocks: blocks.slice(0, 50) };
}

interface CardButton {
  actionId: string;
  label: string;
  value: string;
  style?: 'primary' | 'danger';
}

const button = (b: CardButton) => ({
  type: 'button',
  action_id: b.actionId,
  text: plainText(b.label.slice(0, 75)),
  value: b.value,
  ...(b.style ? { style: b.style } : {}),
});

/** After resolution, in triage: the follow-up deadlines and a Draft button per document. */
export function followUpCard(data: {
  incidentId: number;
  ref: string;
  title: string;
  lines: string[];
  buttons: { kind: string; customerId: string; label: string }[];
}): RenderedMessage {
  const text =
    `:memo: *${data.ref}* is resolved: {title}\nFollow-ups due:\n${data.lines.map((l) => `• ${escapeMrkdwn(l)}`).join('\n')}`.replace(
      '{title}',
      escapeMrkdwn(data.title),
    );
  const elements = data.buttons.map((b) =>
    button({
      actionId: `${ACTION.draftDocument}:${b.kind}:${b.customerId}`,
      label: b.label,
      value: `${data.incidentId}:${b.kind}:${b.customerId}`,
    }),
  );
  return {
    text: `${data.ref} follow-ups`,
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: text.slice(0, 3000) } },
      ...chunk(elements, 25).map((els) => ({ type: 'actions', elements: els })),
    ],
  };
}

/**
 * The card of one document in triage: its state, where to read it, and Edit / Approve / Send. `note` is composed by
 * tplus (mentions allowed).
 */
export function documentCard(data: {
  documentId: number;
  label: string;
  state: string;
  revision: number;
  isCustomerFacing: boolean;
  note: string;
}): RenderedMessage {
  const value = String(data.documentId);
  const buttons: CardButton[] =
    data.state === 'sent'
      ? []
      : [
          { actionId: ACTION.editDocument, label: 'Edit', value },
          ...(data.state === 'draft'
            ? [{ actionId: ACTION.approveDocument, label: 'Approve', value, style: 'primary' as const }]
            : []),
          ...(data.state === 'approved' && data.isCustomerFacing
            ? [{ actionId: ACTION.sendDocument, label: 'Send to customer', value, style: 'primary' as const }]
            : []),
        ];
  const text = `:page_facing_up: *${escapeMrkdwn(data.label)}* · revision ${data.revision} · *${data.state}*\n${data.note}\nRead it at \`/documents/${data.documentId}\` (internal).`;
  return {
    text: `${data.label}: ${data.state}`,
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text } },
      ...(buttons.length > 0 ? [{ type: 'actions', elements: buttons.map(button) }] : []),
    ],
  };
}

function chunk<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** The message views of post-incident documents; their data is plain values, escaped here. */
export function documentView(spec: MessageSpec): RenderedMessage | undefined {
  const d = spec.data ?? {};
  switch (spec.view) {
    case 'document-part':
      return documentPart(String(d.markdown ?? ''));
    case 'follow-up-card':
      return followUpCard({
        incidentId: Number(d.incidentId),
        ref: String(d.ref),
        title: String(d.title ?? ''),
        lines: JSON.parse(String(d.lines ?? '[]')) as string[],
        buttons: JSON.parse(String(d.buttons ?? '[]')) as { kind: string; customerId: string; label: string }[],
      });
    case 'document-card':
      return documentCard({
        documentId: Number(d.documentId),
        label: String(d.label),
        state: String(d.state),
        revision: Number(d.revision),
        isCustomerFacing: d.isCustomerFacing === true,
        note: String(d.note ?? ''),
      });
    default:
      return undefined;
  }
}
