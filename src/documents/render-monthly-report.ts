import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Handlebars from 'handlebars';
import type { MonthlyReport } from '../domain/contract/index.ts';
import { formatInstantForReader } from '../domain/sla/index.ts';
import { escapeModelStrings } from './markdown-escape.ts';

export const MONTHLY_REPORT_TEMPLATE = 'monthly-report.md.hbs';

/** The Markdown of a monthly report; the raw zone travels beside the escaped model. */
export type RenderMonthlyReport = (report: MonthlyReport, timeZone: string) => string;

/**
 * Compiles `monthly-report.md.hbs` from `templatesDir` (at start: a missing template stops
 * tplus with its path). Every string of the report (incident titles can be customer text) is
 * Markdown-escaped before the template sees it, as for the post-incident documents.
 */
export function createMonthlyReportRenderer(templatesDir: string): RenderMonthlyReport {
  const hbs = Handlebars.create();
  hbs.registerHelper('time', (at: unknown, options: { data: { timeZone: string } }) => {
    const instant =
      at instanceof Date ? at : typeof at === 'string' && !Number.isNaN(Date.parse(at)) ? new Date(at) : undefined;
    return instant ? formatInstantForReader(instant, options.data.timeZone) : '';
  });
  hbs.registerHelper('money', (amount: unknown) =>
    typeof amount === 'number'
      ? amount.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })
      : '',
  );
  const path = join(templatesDir, MONTHLY_REPORT_TEMPLATE);
  let source: string;
  try {
    source = readFileSync(path, 'utf8');
  } catch (error) {
    throw new Error(`report template ${path} cannot be read: ${(error as Error).message}`, { cause: error });
  }
  const template = hbs.compile(source, { noEscape: true, strict: false });
  return (report, timeZone) =>
    `${template(escapeModelStrings(report), { data: { timeZone } })
      .replace(/\n{3,}/g, '\n\n')
      .trim()}\n`;
}
