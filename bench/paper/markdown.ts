// Markdown pieces the paper's sections share.

export type Plot = { file: string; svg: string };
export type Section = { heading: string; body: string[]; plots: Plot[] };

export const NOT_MEASURED = 'not measured in this run';

/** A number as the results hold it, rounded for reading; a missing one is a dash. */
export function num(n: number | undefined, digits = 1): string {
  if (n === undefined || Number.isNaN(n)) return '–';
  return n.toLocaleString('en-US', { maximumFractionDigits: digits });
}

/** A section whose benchmark did not run: its heading and one line saying so. */
export function absent(heading: string): Section {
  return { heading, body: [notMeasured(heading)], plots: [] };
}

export function connections(n: number): string {
  return `${n} connection${n === 1 ? '' : 's'}`;
}

export function table(headers: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [line(headers), line(headers.map(() => '---')), ...rows.map(line)].join('\n');
}

export function image(plot: Plot, alt: string): string {
  return `![${alt}](benchmark/${plot.file})`;
}

export function notMeasured(what: string): string {
  return `${what}: ${NOT_MEASURED}.`;
}

export function renderSections(title: string, intro: string[], sections: Section[]): string {
  const parts = [`# ${title}`, ...intro];
  for (const s of sections) parts.push(`## ${s.heading}`, ...s.body);
  return `${parts.join('\n\n')}\n`;
}
