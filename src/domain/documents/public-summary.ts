import { DOCUMENT_SECTIONS, internalReferenceIn } from './sections.ts';

/** The sections of each publishable kind that may go on the public incident page, in order. */
export const PUBLIC_SECTIONS = {
  postmortem: ['summary', 'impact', 'rootCause'],
  rca: ['summary', 'rootCause', 'resolution', 'prevention'],
} as const;

export type PublishableKind = keyof typeof PUBLIC_SECTIONS;

/**
 * What a public summary of a document shows (labelled, non-empty sections), or why it cannot be
 * published: only an approved or sent post-mortem or RCA with a summary, and no section may hold
 * an internal reference (a mention, a Slack id, a link). Pure.
 */
export function publicSummarySections(doc: {
  kind: string;
  state: string;
  sections: Record<string, string>;
}): { ok: true; kind: PublishableKind; sections: { label: string; text: string }[] } | { ok: false; message: string } {
  if (doc.kind !== 'postmortem' && doc.kind !== 'rca')
    return { ok: false, message: 'Only a post-mortem or an RCA can be published on the status page.' };
  if (doc.state === 'draft') return { ok: false, message: 'Approve the document before publishing it.' };
  const kind: PublishableKind = doc.kind;
  const labels = new Map(DOCUMENT_SECTIONS[kind].map((s) => [s.name, s.label]));
  const sections = PUBLIC_SECTIONS[kind].flatMap((name) => {
    const text = doc.sections[name]?.trim() ?? '';
    return text ? [{ name, label: labels.get(name) ?? name, text }] : [];
  });
  if (!sections.some((s) => s.name === 'summary'))
    return { ok: false, message: 'The summary section is empty: write it before publishing.' };
  for (const s of sections) {
    const found = internalReferenceIn(s.text);
    if (found)
      return { ok: false, message: `The ${s.label} section contains ${found}; the public page cannot show it.` };
  }
  return { ok: true, kind, sections: sections.map(({ label, text }) => ({ label, text })) };
}
