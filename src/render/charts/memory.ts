// Memory against context length as inline SVG: one line per model, a dashed line per GPU capacity.
import { formatBytes } from '../../format.js';
import { esc } from '../escape.js';

export interface MemorySeries {
  readonly label: string;
  /** Memory per GPU at each context, contexts ascending. */
  readonly points: readonly { readonly context: number; readonly bytes: number }[];
}

export interface CapacityLine {
  /** e.g. "H100 80 GB × 0.9". */
  readonly label: string;
  readonly bytes: number;
}

export interface MemoryChart {
  readonly id: string;
  readonly title: string;
  /** What the chart shows and how it was computed, for screen readers and the tooltip. */
  readonly description: string;
  readonly series: readonly MemorySeries[];
  readonly capacities: readonly CapacityLine[];
}

// Narrow on purpose, so the text stays ~10 px on a 390 px phone: the names go in a key below the plot, and each
// line ends in its number in the key.
const [W, H] = [480, 320];
const PLOT = { left: 56, right: 460, top: 16, bottom: 276 };
const KEY_ROW = 18;
const LABEL_CHARS = 60;
// Distinct hues, each ≥ 3:1 against white (WCAG for graphical objects).
const STROKES = ['#0a58ca', '#b42318', '#1a7f37', '#8250df', '#9a3412', '#0e7490'];
const INK = '#1b1f24';

/**
 * A line chart of memory per GPU against context length (log scale), with each GPU's usable memory
 * as a dashed line. Lines that leave the top are clipped: the model no longer fits there.
 * @example memoryChart({ id: 'mem', title: 'Memory vs context', description: '…', series: [...], capacities: [{ label: 'H100 × 0.9', bytes: 72e9 }] })
 */
export function memoryChart(chart: MemoryChart): string {
  const contexts = chart.series.flatMap((s) => s.points.map((p) => p.context));
  const [xMin, xMax] = [Math.min(...contexts), Math.max(...contexts)];
  const yMax = niceCeil(yTop(chart));
  const x = (context: number) => PLOT.left + (xMax > xMin ? (Math.log2(context / xMin) / Math.log2(xMax / xMin)) * (PLOT.right - PLOT.left) : 0);
  const y = (bytes: number) => PLOT.bottom - (bytes / yMax) * (PLOT.bottom - PLOT.top);
  const clip = `${chart.id}-plot`;
  const height = H + chart.series.length * KEY_ROW + 4;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${height}" width="100%" class="chart-memory" role="img" aria-labelledby="${esc(chart.id)}-title ${esc(chart.id)}-desc" font-family="system-ui, sans-serif" font-size="13">`,
    `<title id="${esc(chart.id)}-title">${esc(chart.title)}</title>`,
    `<desc id="${esc(chart.id)}-desc">${esc(chart.description)}</desc>`,
    `<clipPath id="${esc(clip)}"><rect x="${PLOT.left}" y="${PLOT.top}" width="${PLOT.right - PLOT.left}" height="${PLOT.bottom - PLOT.top}"/></clipPath>`,
    ...yAxis(yMax, y),
    ...xAxis(xMin, xMax, x),
    ...chart.capacities.map((c) => capacityLine(c, y(c.bytes))),
    ...chart.series.map((s, i) => seriesLine(s, STROKES[i % STROKES.length] ?? INK, x, y, clip)),
    ...lineEnds(chart.series, x, y, yMax),
    ...chart.series.map((s, i) => keyRow(s, i, yMax)),
    '</svg>',
  ].join('\n');
}

/** The top of the y axis: the data, but at most 1.5 × the largest capacity so small models stay readable. */
function yTop(chart: MemoryChart): number {
  const data = Math.max(...chart.series.flatMap((s) => s.points.map((p) => p.bytes)), 1);
  const capacity = Math.max(...chart.capacities.map((c) => c.bytes), 0);
  return capacity > 0 ? Math.max(Math.min(data, capacity * 1.5), capacity * 1.1) : data;
}

/** 1, 2 or 5 × a power of ten, at least `value`. */
export function niceCeil(value: number): number {
  const power = 10 ** Math.floor(Math.log10(value));
  return ([1, 2, 5, 10].map((m) => m * power).find((n) => n >= value) ?? 10 * power);
}

function yAxis(yMax: number, y: (b: number) => number): string[] {
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((f) => f * yMax);
  return [
    `<line x1="${PLOT.left}" y1="${PLOT.top}" x2="${PLOT.left}" y2="${PLOT.bottom}" stroke="${INK}"/>`,
    ...ticks.map((t) => `<line x1="${PLOT.left - 4}" y1="${y(t).toFixed(1)}" x2="${PLOT.right}" y2="${y(t).toFixed(1)}" stroke="#d0d7de"/><text x="${PLOT.left - 6}" y="${(y(t) + 4).toFixed(1)}" text-anchor="end" fill="${INK}">${esc(formatBytes(t))}</text>`),
  ];
}

function xAxis(xMin: number, xMax: number, x: (c: number) => number): string[] {
  const ticks: number[] = [];
  const step = Math.max(1, Math.ceil(Math.log2(xMax / xMin) / 6)); // at most ~7 labels
  for (let e = Math.ceil(Math.log2(xMin)); 2 ** e <= xMax; e += step) ticks.push(2 ** e);
  return [
    `<line x1="${PLOT.left}" y1="${PLOT.bottom}" x2="${PLOT.right}" y2="${PLOT.bottom}" stroke="${INK}"/>`,
    ...ticks.map((t) => `<line x1="${x(t).toFixed(1)}" y1="${PLOT.bottom}" x2="${x(t).toFixed(1)}" y2="${PLOT.bottom + 4}" stroke="${INK}"/><text x="${x(t).toFixed(1)}" y="${PLOT.bottom + 16}" text-anchor="middle" fill="${INK}">${esc(tokens(t))}</text>`),
    `<text x="${(PLOT.left + PLOT.right) / 2}" y="${H - 8}" text-anchor="middle" fill="${INK}">context length (tokens, log scale)</text>`,
  ];
}

/** 4096 → "4K", 1048576 → "1M" (binary units, as context windows are quoted). */
function tokens(n: number): string {
  return n >= 2 ** 20 ? `${n / 2 ** 20}M` : n >= 1024 ? `${n / 1024}K` : String(n);
}

function capacityLine(c: CapacityLine, yPos: number): string {
  if (yPos < PLOT.top) return '';
  return `<line x1="${PLOT.left}" y1="${yPos.toFixed(1)}" x2="${PLOT.right}" y2="${yPos.toFixed(1)}" stroke="${INK}" stroke-dasharray="6 4"/><text x="${PLOT.left + 4}" y="${(yPos - 4).toFixed(1)}" fill="${INK}">${esc(c.label)}</text>`;
}

function seriesLine(s: MemorySeries, stroke: string, x: (c: number) => number, y: (b: number) => number, clip: string): string {
  const points = s.points.map((p) => `${x(p.context).toFixed(1)},${y(p.bytes).toFixed(1)}`).join(' ');
  const last = s.points.at(-1);
  const tip = last ? `${s.label}: ${formatBytes(last.bytes)} per GPU at ${tokens(last.context)} tokens` : s.label;
  return `<polyline points="${points}" fill="none" stroke="${stroke}" stroke-width="2.5" clip-path="url(#${esc(clip)})"><title>${esc(tip)}</title></polyline>`;
}

/** Each line's number just right of its last point, nudged apart so they never overlap. */
function lineEnds(series: readonly MemorySeries[], x: (c: number) => number, y: (b: number) => number, yMax: number): string[] {
  const placed = series
    .map((s, i) => ({ i, end: x(s.points.at(-1)?.context ?? 0), at: Math.max(PLOT.top + 4, y(Math.min(s.points.at(-1)?.bytes ?? 0, yMax))) }))
    .sort((a, b) => a.at - b.at);
  for (let k = 1; k < placed.length; k++) {
    const [prev, cur] = [placed[k - 1], placed[k]];
    if (prev && cur && cur.at - prev.at < 14) cur.at = prev.at + 14;
  }
  return placed.map(({ i, end, at }) => `<text x="${(end + 5).toFixed(1)}" y="${(at + 4).toFixed(1)}" font-weight="700" fill="${STROKES[i % STROKES.length] ?? INK}">${i + 1}</text>`);
}

/** The key below the plot: number, a stroke of the line's colour, and the name (↑ when the line leaves the top). */
function keyRow(s: MemorySeries, i: number, yMax: number): string {
  const yPos = H + 6 + i * KEY_ROW;
  const stroke = STROKES[i % STROKES.length] ?? INK;
  const off = (s.points.at(-1)?.bytes ?? 0) > yMax ? ' ↑' : '';
  const label = s.label.length > LABEL_CHARS ? `${s.label.slice(0, LABEL_CHARS - 1)}…` : s.label;
  return `<text x="${PLOT.left - 40}" y="${yPos + 4}" font-weight="700" fill="${stroke}">${i + 1}</text><line x1="${PLOT.left - 26}" y1="${yPos}" x2="${PLOT.left - 6}" y2="${yPos}" stroke="${stroke}" stroke-width="2.5"/><text x="${PLOT.left}" y="${yPos + 4}" fill="${INK}">${esc(label + off)}</text>`;
}
