import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import Handlebars from 'handlebars';
import type { PageModel } from './page-model.ts';

export interface PageExtras {
  partialPercent: number;
  feedUrl: string;
}

/**
 * Compiles templates/status once (layout, page, partials) in its own Handlebars instance, so no
 * other template set can override a partial. Everything is written with `{{ }}`: escaped.
 */
export function createStatusPageRenderer(templatesDir: string): (model: PageModel, extras: PageExtras) => string {
  const hbs = Handlebars.create();
  const read = (file: string) => readFileSync(join(templatesDir, file), 'utf8');
  for (const file of readdirSync(join(templatesDir, 'partials')).filter((f) => f.endsWith('.hbs'))) {
    hbs.registerPartial(basename(file, '.hbs'), read(join('partials', file)));
  }
  hbs.registerPartial('body', read('page.hbs'));
  const layout = hbs.compile(read('layout.hbs'));
  return (model, extras) => layout({ ...model, ...extras });
}
