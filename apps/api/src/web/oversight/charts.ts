// Charts drawn on the server as SVG from numbers, so a page needs no script to show them. Each is an image with a
// title and a description for screen readers (role="img", aria-labelledby); the page puts the same numbers in a table.

export interface Bar {
  label: string;
  value: number;
}

export interface BarChart {
  /** Unique on the page: the ids of the chart's title and description derive from it. */
  id: string;
  title: string;
  /** What the chart shows, in a sentence, with its largest figure. */
  description: string;
  bars: Bar[];
  /** After each value, for one and for any other number: ['matter', 'matters']. */
  unit: readonly [string, string];
}

const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');

const WIDTH = 640;
const LABEL_WIDTH = 220;
const VALUE_WIDTH = 110;
const BAR_HEIGHT = 24;
const GAP = 10;
const MAX_LABEL = 32;

/** A number as the page writes it: whole numbers as they are, others to one decimal place. */
export function figure(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(1);
}

/** A number with its unit: 1 matter, 2 matters, 0.5 days. */
export function counted(n: number, unit: readonly [string, string]): string {
  return `${figure(n)} ${n === 1 ? unit[0] : unit[1]}`;
}

const shortLabel = (s: string) => (s.length > MAX_LABEL ? `${s.slice(0, MAX_LABEL - 1)}…` : s);

/**
 * A horizontal bar chart: one row per bar, its label on the left, its length in proportion to the largest value, and
 * the value written after it. Colours from the GOV.UK palette with text at 4.5:1 or better on white.
 */
export function barChartSvg(chart: BarChart): string {
  const bars = chart.bars.map((b) => ({ ...b, value: Number.isFinite(b.value) && b.value > 0 ? b.value : 0 }));
  const max = Math.max(0, ...bars.map((b) => b.value));
  const height = Math.max(1, bars.length) * (BAR_HEIGHT + GAP) + GAP;
  const plot = WIDTH - LABEL_WIDTH - VALUE_WIDTH;
  const titleId = `${chart.id}-title`;
  const descId = `${chart.id}-desc`;
  const rows = bars.map((b, i) => {
    const y = GAP + i * (BAR_HEIGHT + GAP);
    const length = max === 0 ? 0 : Math.max(b.value > 0 ? 2 : 0, Math.round((b.value / max) * plot));
    const middle = y + BAR_HEIGHT / 2;
    return (
      `<g class="app-chart__bar">` +
      `<text x="${LABEL_WIDTH - 8}" y="${middle}" text-anchor="end" dominant-baseline="middle" fill="#0b0c0c" font-size="14">${escapeXml(shortLabel(b.label))}</text>` +
      `<rect x="${LABEL_WIDTH}" y="${y}" width="${length}" height="${BAR_HEIGHT}" fill="#1d70b8"></rect>` +
      `<text x="${LABEL_WIDTH + length + 6}" y="${middle}" dominant-baseline="middle" fill="#0b0c0c" font-size="14">${escapeXml(counted(b.value, chart.unit))}</text>` +
      `</g>`
    );
  });
  const empty = bars.length === 0 ? `<text x="${GAP}" y="${GAP + BAR_HEIGHT / 2}" dominant-baseline="middle" fill="#0b0c0c" font-size="14">Nothing to show</text>` : '';
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" class="app-chart" id="${escapeXml(chart.id)}" role="img" aria-labelledby="${escapeXml(titleId)} ${escapeXml(descId)}" viewBox="0 0 ${WIDTH} ${height}" width="100%" preserveAspectRatio="xMinYMin meet" font-family="system-ui, sans-serif">` +
    `<title id="${escapeXml(titleId)}">${escapeXml(chart.title)}</title>` +
    `<desc id="${escapeXml(descId)}">${escapeXml(chart.description)}</desc>` +
    `<line x1="${LABEL_WIDTH}" y1="0" x2="${LABEL_WIDTH}" y2="${height}" stroke="#505a5f" stroke-width="1"></line>` +
    rows.join('') +
    empty +
    `</svg>`
  );
}

/** Counts of rows by a key, largest first (ties in the order met): the bars of a chart of "how many by …". */
export function countBy<T>(rows: readonly T[], key: (row: T) => string): Bar[] {
  const counts = new Map<string, number>();
  for (const r of rows) counts.set(key(r), (counts.get(key(r)) ?? 0) + 1);
  return [...counts.entries()].map(([label, value]) => ({ label, value })).sort((a, b) => b.value - a.value);
}
