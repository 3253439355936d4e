import { DOCUMENT_SECTIONS, SECTION_MAX_CHARS } from '../../domain/documents/index.ts';
import type { StoredDocument } from '../../usecases/document-ports.ts';
import { plainText } from '../escape.ts';
import { VIEW } from '../ids.ts';

/** Block (and action) id of a section's input. */
export const sectionBlockId = (name: string): string => `doc_${name}`;

/**
 * The edit modal: one multiline input per section (Slack caps each at 3,000 characters, so a
 * long document is never one field). private_metadata holds the document and the revision the
 * editor started from, so a concurrent save is detected.
 */
export function documentModal(doc: Pick<StoredDocument, 'id' | 'kind' | 'revision' | 'sections'>, title: string) {
  return {
    type: 'modal',
    callback_id: VIEW.documentModal,
    private_metadata: JSON.stringify({ documentId: doc.id, revision: doc.revision }),
    title: plainText(title, 24),
    submit: plainText('Save revision'),
    close: plainText('Cancel'),
    blocks: DOCUMENT_SECTIONS[doc.kind]
      .map((s) => ({ s, initial: (doc.sections[s.name] ?? '').slice(0, SECTION_MAX_CHARS) }))
      .map(({ s, initial }) => ({
        type: 'input',
        block_id: sectionBlockId(s.name),
        optional: true,
        label: plainText(s.label, 2000),
        ...(s.hint ? { hint: plainText(s.hint, 2000) } : {}),
        element: {
          type: 'plain_text_input',
          action_id: sectionBlockId(s.name),
          multiline: true,
          max_length: SECTION_MAX_CHARS,
          ...(initial ? { initial_value: initial } : {}),
        },
      })),
  };
}

/** Section texts from a submitted edit modal, by section name. */
export function readSections(
  kind: StoredDocument['kind'],
  values: Record<string, Record<string, { value?: string | null }>>,
): Record<string, string> {
  return Object.fromEntries(
    DOCUMENT_SECTIONS[kind].map((s) => [s.name, values[sectionBlockId(s.name)]?.[sectionBlockId(s.name)]?.value ?? '']),
  );
}
