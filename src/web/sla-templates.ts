import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import Handlebars from 'handlebars';

export interface SlaTemplates {
  page(view: object): string;
  versions(view: object): string;
  error(view: { status: number; title: string; message: string }): string;
}

/**
 * Compiles templates/sla/*.hbs once. `strict` makes a misspelt field an error instead of a
 * silently empty cell on a page customers sign against; `{{ }}` escapes everything.
 */
export function loadSlaTemplates(dir: string): SlaTemplates {
  const hbs = Handlebars.create();
  hbs.registerPartial('layout', readFileSync(join(dir, 'layout.hbs'), 'utf8'));
  for (const file of readdirSync(join(dir, 'partials')).filter((f) => f.endsWith('.hbs')))
    hbs.registerPartial(basename(file, '.hbs'), readFileSync(join(dir, 'partials', file), 'utf8'));
  const compile = (name: string) =>
    hbs.compile(readFileSync(join(dir, `${name}.hbs`), 'utf8'), { strict: true, knownHelpersOnly: true });
  const page = compile('page');
  const versions = compile('versions');
  const error = compile('error');
  return { page: (view) => page(view), versions: (view) => versions(view), error: (view) => error(view) };
}
