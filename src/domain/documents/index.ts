export {
  customerDocumentModel,
  internalDocumentModel,
  TO_COMPLETE,
  type CustomerDocumentModel,
  type DocumentModel,
  type InternalDocumentModel,
  type PublicUpdate,
  type TimelineEntry,
} from './document-model.ts';
export {
  DOCUMENT_SECTIONS,
  formatDuration,
  splitMarkdown,
  DOCUMENT_TITLES,
  internalReferenceIn,
  linesOf,
  parseActionItems,
  SECTION_MAX_CHARS,
  type ActionItem,
  type SectionSpec,
} from './sections.ts';
