// Bar charts as inline SVG: no script, no style attributes (the site's CSP forbids them), values that link to sources.
import { esc } from '../escape.js';

export interface Bar {
  readonly label: string;
  readonly value: number;
  /** The value as the reader sees it, e.g. "262,144 tokens". */
  readonly display: string;
  /** Where the value is backed, e.g. "#src-3"; the value text becomes a link. */
  readonly href?: string;
  /** Which series the bar belongs to (index into `series`), for paired bars like total vs active. */
  readonly series?: number;
}

export interface BarChart {
  readonly id: string;
  readonly title: string;
  readonly bars: readonly Bar[];
  /** Legend entries, in series order; omit for a single series. */
  readonly series?: readonly string[];
  readonly note?: string;
}

// Blue shades with ≥ 3:1 contrast against white, as WCAG asks of graphical objects.
const FILLS = ['#0a58ca', '#5b8fd9', '#1a7f37', '#9a3412'];
const WIDTH = 480;
const VALUE_ROOM = 170;
const ROW = 44;
// Three legend entries to a row, so four or more series wrap instead of running past the chart's right edge.
const LEGEND_PER_ROW = 3;
const LEGEND_ROW = 24;

/**
 * A horizontal bar chart, one labelled row per bar, scaled to the largest value.
 * Rows stack label over bar so the chart stays legible at phone width.
 * @example barChart({ id: 'ctx', title: 'Native context', bars: [{ label: 'Qwen 3.5', value: 262144, display: '262,144 tokens', href: '#src-1' }] })
 */
export function barChart(chart: BarChart): string {
  const max = Math.max(...chart.bars.map((b) => b.value), 0);
  const legend = chart.series && chart.series.length > 1 ? Math.ceil(chart.series.length / LEGEND_PER_ROW) * LEGEND_ROW : 0;
  const height = legend + chart.bars.length * ROW + 4;
  const rows = chart.bars.map((bar, i) => barRow(bar, legend + i * ROW, max));
  const titleId = `${chart.id}-title`;
  return `<figure class="chart" id="${esc(chart.id)}">
<figcaption id="${esc(titleId)}">${esc(chart.title)}</figcaption>
<svg viewBox="0 0 ${WIDTH} ${height}" width="100%" role="group" aria-labelledby="${esc(titleId)}" font-family="system-ui, sans-serif" font-size="15">
${legend ? legendRow(chart.series ?? []) : ''}${rows.join('\n')}
</svg>${chart.note ? `\n<p class="meta">${esc(chart.note)}</p>` : ''}
</figure>`;
}

function barRow(bar: Bar, y: number, max: number): string {
  const width = max > 0 ? Math.max(1, (bar.value / max) * (WIDTH - VALUE_ROOM)) : 1;
  const fill = FILLS[(bar.series ?? 0) % FILLS.length];
  const value = `<text x="${(width + 6).toFixed(1)}" y="${y + 34}" fill="#1b1f24">${esc(bar.display)}</text>`;
  return `<text x="0" y="${y + 15}" fill="#1b1f24">${esc(bar.label)}</text>
<rect x="0" y="${y + 21}" width="${width.toFixed(1)}" height="17" rx="2" fill="${fill}"/>
${bar.href ? `<a href="${esc(bar.href)}">${value}</a>` : value}`;
}

function legendRow(series: readonly string[]): string {
  return series.map((name, i) => {
    const [x, y] = [(i % LEGEND_PER_ROW) * 160, Math.floor(i / LEGEND_PER_ROW) * LEGEND_ROW];
    return `<rect x="${x}" y="${y + 4}" width="14" height="14" rx="2" fill="${FILLS[i % FILLS.length]}"/><text x="${x + 20}" y="${y + 16}" fill="#1b1f24">${esc(name)}</text>`;
  }).join('') + '\n';
}
