import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Handlebars from 'handlebars';
import { formatOffset } from '../domain/runbook/index.ts';
import { formatDuration, type DocumentModel } from '../domain/documents/index.ts';
import { FOLLOW_UP_KINDS, type FollowUpKind } from '../domain/follow-ups/index.ts';
import { escapeModelStrings } from './markdown-escape.ts';
import { createReaderTime } from './reader-time.ts';

export const TEMPLATE_FILES: Record<FollowUpKind, string> = {
  timeline: 'incident-timeline.md.hbs',
  postmortem: 'postmortem.md.hbs',
  'executive-summary': 'executive-summary.md.hbs',
  rca: 'rca.md.hbs',
};

export type RenderDocument = (model: DocumentModel) => string;

/** The raw zone and start, beside the escaped model (escaping would mangle `America/New_York`). */
interface HelperOptions {
  data: { timeZone: string; startedAt: Date };
}

/**
 * Compiles the four templates from `templatesDir` (at start, so a missing or broken template
 * stops tplus with its path). Every string in the model is Markdown-escaped before the
 * template sees it, so an operator's template cannot forget to; `noEscape` because the output
 * is Markdown, not HTML (the HTML view escapes again).
 */
export function createDocumentRenderer(templatesDir: string): RenderDocument {
  const hbs = Handlebars.create();
  const readerTime = createReaderTime();
  hbs.registerHelper('time', (at: unknown, options: HelperOptions) =>
    at instanceof Date ? readerTime(at, options.data.timeZone) : '',
  );
  hbs.registerHelper('offset', (at: unknown, options: HelperOptions) =>
    at instanceof Date ? formatOffset(options.data.startedAt, at) : '',
  );
  hbs.registerHelper('duration', (from: unknown, to: unknown) =>
    from instanceof Date && to instanceof Date ? formatDuration(to.getTime() - from.getTime()) : '',
  );
  hbs.registerHelper('eq', (a: unknown, b: unknown) => a === b);
  const templates = new Map<FollowUpKind, HandlebarsTemplateDelegate>();
  for (const kind of FOLLOW_UP_KINDS) {
    const path = join(templatesDir, TEMPLATE_FILES[kind]);
    let source: string;
    try {
      source = readFileSync(path, 'utf8');
    } catch (error) {
      throw new Error(`document template ${path} cannot be read: ${(error as Error).message}`, { cause: error });
    }
    templates.set(kind, hbs.compile(source, { noEscape: true, strict: false }));
  }
  return (model) => {
    const template = templates.get(model.kind) as HandlebarsTemplateDelegate;
    return `${template(escapeModelStrings(model), { data: { timeZone: model.timeZone, startedAt: model.startedAt } })
      .replace(/\n{3,}/g, '\n\n')
      .trim()}\n`;
  };
}
