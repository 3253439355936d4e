import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import Handlebars from 'handlebars';
import type { HistoryPageModel, IncidentPageModel } from './history-page.ts';
import type { PageModel } from './page-model.ts';

export interface PageExtras {
  partialPercent: number;
  feedUrl: string;
}

const BODIES = {
  status: 'page.hbs',
  incident: 'incident-page.hbs',
  history: 'history-page.hbs',
  message: 'message-page.hbs',
} as const;

/** A short page answering a form: subscribed, confirmed, unsubscribed, or what was wrong. */
export interface MessagePageModel {
  title: string;
  timeZone: string;
  generated: { iso: string; text: string };
  pageTitle: string;
  heading: string;
  message: string;
  form?: { action: string; button: string } | undefined;
}

/**
 * Compiles templates/status once (layout, the three page bodies, partials) in its own Handlebars
 * instance, so no other template set can override a partial. Everything is written with `{{ }}`: escaped.
 */
export function createStatusPageRenderer(templatesDir: string) {
  const hbs = Handlebars.create();
  const read = (file: string) => readFileSync(join(templatesDir, file), 'utf8');
  for (const file of readdirSync(join(templatesDir, 'partials')).filter((f) => f.endsWith('.hbs'))) {
    hbs.registerPartial(basename(file, '.hbs'), read(join('partials', file)));
  }
  for (const [name, file] of Object.entries(BODIES)) hbs.registerPartial(`body-${name}`, read(file));
  const layout = hbs.compile(read('layout.hbs'));
  const render = (body: keyof typeof BODIES, model: object) => layout({ ...model, bodyPartial: `body-${body}` });
  return {
    status: (model: PageModel, extras: PageExtras) => render('status', { ...model, ...extras }),
    incident: (model: IncidentPageModel) => render('incident', model),
    history: (model: HistoryPageModel) => render('history', model),
    message: (model: MessagePageModel) => render('message', model),
  };
}
export type StatusPageRenderer = ReturnType<typeof createStatusPageRenderer>;
