// A small SVG chart writer for the benchmark paper: grouped bars and lines, no DOM, no browser.
// Every series is a <g class="series" data-series="…"> so a reader (or a test) can find it.

export type BarChart = {
  title: string;
  unit: string;
  categories: string[];
  series: { name: string; values: (number | undefined)[] }[];
};

export type LineChart = {
  title: string;
  xLabel: string;
  unit: string;
  series: { name: string; points: [number, number][] }[];
};

const WIDTH = 720;
const HEIGHT = 360;
const PAD = { left: 70, right: 20, top: 40, bottom: 70 };
const COLOURS = ['#4e79a7', '#f28e2b', '#59a14f', '#e15759', '#76b7b2', '#b07aa1'];
const plotW = WIDTH - PAD.left - PAD.right;
const plotH = HEIGHT - PAD.top - PAD.bottom;

export function escapeXml(text: string): string {
  return text.replace(/[<>&'"]/g, (c) => `&${{ '<': 'lt', '>': 'gt', '&': 'amp', "'": 'apos', '"': 'quot' }[c]};`);
}

const fmt = (n: number) => String(Number(n.toPrecision(4)));
const colour = (i: number) => COLOURS[i % COLOURS.length]!;

/** A round upper bound for an axis, so the ticks read 0, 25, 50… rather than 0, 23.7, 47.4… */
function niceMax(max: number): number {
  if (!(max > 0)) return 1;
  const step = 10 ** Math.floor(Math.log10(max));
  return [1, 2, 2.5, 5, 10].map((m) => m * step).find((m) => m >= max)!;
}

function frame(title: string, yMax: number, unit: string, body: string[], legend: string[]): string {
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((f) => {
    const y = PAD.top + plotH * (1 - f);
    return `<line x1="${PAD.left}" x2="${WIDTH - PAD.right}" y1="${y}" y2="${y}" stroke="#ddd"/><text x="${PAD.left - 6}" y="${y + 4}" text-anchor="end">${fmt(yMax * f)}</text>`;
  });
  const legendItems = legend.map(
    (name, i) =>
      `<rect x="${PAD.left + i * 170}" y="${HEIGHT - 18}" width="10" height="10" fill="${colour(i)}"/><text x="${PAD.left + i * 170 + 14}" y="${HEIGHT - 9}">${escapeXml(name)}</text>`,
  );
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" font-family="sans-serif" font-size="11">`,
    `<title>${escapeXml(title)}</title>`,
    `<rect width="${WIDTH}" height="${HEIGHT}" fill="#fff"/>`,
    `<text x="${WIDTH / 2}" y="20" text-anchor="middle" font-size="14">${escapeXml(title)}</text>`,
    `<text transform="translate(14 ${PAD.top + plotH / 2}) rotate(-90)" text-anchor="middle">${escapeXml(unit)}</text>`,
    ...ticks,
    ...body,
    `<line x1="${PAD.left}" x2="${PAD.left}" y1="${PAD.top}" y2="${PAD.top + plotH}" stroke="#333"/>`,
    ...legendItems,
    '</svg>',
    '',
  ].join('\n');
}

/** Grouped bars: one group per category, one bar per series; a missing value leaves a gap. */
export function barChart(chart: BarChart): string {
  const values = chart.series.flatMap((s) => s.values).filter((v): v is number => v !== undefined);
  const yMax = niceMax(Math.max(0, ...values));
  const groupW = plotW / Math.max(1, chart.categories.length);
  const barW = (groupW * 0.8) / Math.max(1, chart.series.length);
  const body = chart.series.map((s, si) => {
    const bars = s.values.map((v, ci) => {
      if (v === undefined) return '';
      const h = (v / yMax) * plotH;
      const x = PAD.left + ci * groupW + groupW * 0.1 + si * barW;
      return `<rect x="${fmt(x)}" y="${fmt(PAD.top + plotH - h)}" width="${fmt(barW)}" height="${fmt(h)}" fill="${colour(si)}"><title>${escapeXml(`${s.name}, ${chart.categories[ci]}: ${fmt(v)} ${chart.unit}`)}</title></rect>`;
    });
    return `<g class="series" data-series="${escapeXml(s.name)}">${bars.join('')}</g>`;
  });
  const labels = chart.categories.map(
    (c, ci) =>
      `<text x="${fmt(PAD.left + (ci + 0.5) * groupW)}" y="${PAD.top + plotH + 16}" text-anchor="middle">${escapeXml(c)}</text>`,
  );
  return frame(
    chart.title,
    yMax,
    chart.unit,
    [...body, ...labels],
    chart.series.map((s) => s.name),
  );
}

/** Lines over a numeric x axis (connections, seconds); each point is also drawn as a dot. */
export function lineChart(chart: LineChart): string {
  const points = chart.series.flatMap((s) => s.points);
  const xMax = niceMax(Math.max(0, ...points.map(([x]) => x)));
  const yMax = niceMax(Math.max(0, ...points.map(([, y]) => y)));
  const px = (x: number) => fmt(PAD.left + (x / xMax) * plotW);
  const py = (y: number) => fmt(PAD.top + plotH - (y / yMax) * plotH);
  const body = chart.series.map((s, si) => {
    const path = s.points.map(([x, y], i) => `${i === 0 ? 'M' : 'L'}${px(x)} ${py(y)}`).join(' ');
    const dots = s.points.map(([x, y]) => `<circle cx="${px(x)}" cy="${py(y)}" r="2.5" fill="${colour(si)}"/>`);
    return `<g class="series" data-series="${escapeXml(s.name)}"><path d="${path}" fill="none" stroke="${colour(si)}" stroke-width="1.5"/>${dots.join('')}</g>`;
  });
  const xTicks = [0, 0.25, 0.5, 0.75, 1].map(
    (f) =>
      `<text x="${fmt(PAD.left + plotW * f)}" y="${PAD.top + plotH + 16}" text-anchor="middle">${fmt(xMax * f)}</text>`,
  );
  const xLabel = `<text x="${PAD.left + plotW / 2}" y="${PAD.top + plotH + 34}" text-anchor="middle">${escapeXml(chart.xLabel)}</text>`;
  return frame(
    chart.title,
    yMax,
    chart.unit,
    [...body, ...xTicks, xLabel],
    chart.series.map((s) => s.name),
  );
}
