// SVG chart of token premium by language for several tokenizers: grouped horizontal bars, no browser needed.
import { trim } from '../../format.js';
import { esc } from '../escape.js';

export interface PremiumSeries {
  /** Legend text: `Qwen 3.5`. */
  readonly label: string;
  /** A stand-in tokenizer: drawn hatched and labelled "(proxy)" in the legend and every tooltip. */
  readonly proxy?: boolean;
  /** Premium per language, aligned with `languages`; undefined = not measured. */
  readonly values: readonly (number | undefined)[];
}

export interface PremiumChartInput {
  readonly title: string;
  readonly languages: readonly { readonly code: string; readonly name: string }[];
  readonly series: readonly PremiumSeries[];
  /** Prefix for element ids, unique per page when several charts are inlined. */
  readonly id?: string;
}

/** Okabe–Ito colours: distinguishable with common colour-vision deficiencies. */
const COLOURS = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#000000', '#999999'];
// Narrow on purpose: each language's name sits above its bars, so the chart keeps ~12 px text on a 390 px phone.
const LEFT = 12;
const PLOT_W = 296;
const WIDTH = LEFT + PLOT_W + 52;
const BAR_H = 12;
const LABEL_H = 17;
const GAP = 8;
const TOP = 46;
const FONT = 'font-family="system-ui, sans-serif" font-size="12"';
/** A white outline under text, so grid lines never run through a label. */
const HALO = 'stroke="#fff" stroke-width="3" paint-order="stroke"';

const seriesName = (s: PremiumSeries) => (s.proxy ? `${s.label} (proxy)` : s.label);
const times = (v: number | undefined) => (v === undefined ? 'not measured' : `${trim(v)}×`);

/** A round scale maximum with ticks every 0.5× or 1×: 2.3 → 2.5, 4.2 → 5. */
function scaleMax(max: number): { top: number; step: number } {
  const top = max <= 3 ? Math.ceil(max * 2) / 2 : Math.ceil(max);
  return { top: Math.max(top, 1.5), step: top <= 3 ? 0.5 : top <= 8 ? 1 : 2 };
}

/**
 * The chart as a standalone `<svg>` element (valid inline in HTML): `<title>` and `<desc>` carry
 * the title and every value as text, each bar has its own tooltip, and all text is escaped.
 * It scales to its container (viewBox, width 100%); the language names sit above their bars.
 * @example premiumChart({ title: 'Tokens vs English', languages: [{ code: 'hin', name: 'Hindi' }], series: [{ label: 'Llama 4', values: [1.66] }] })
 */
export function premiumChart(input: PremiumChartInput): string {
  const id = (input.id ?? 'premium').replace(/[^A-Za-z0-9_-]/g, '-');
  const n = input.series.length;
  const groupH = LABEL_H + n * BAR_H + GAP;
  const base = TOP + input.languages.length * groupH + 24;
  // The legend wraps onto more rows when the series' names are wider than the chart; the plot moves down.
  const keys = legend(input.series, id, LEFT, WIDTH);
  const shift = keys.rows * LEGEND_ROW - LEGEND_ROW;
  const height = base + shift;
  const max = Math.max(1, ...input.series.flatMap((s) => s.values.filter((v): v is number => v !== undefined)));
  const { top, step } = scaleMax(max);
  const x = (v: number) => LEFT + (v / top) * PLOT_W;
  const desc = input.languages
    .map((l, i) => `${l.name}: ${input.series.map((s) => `${seriesName(s)} ${times(s.values[i])}`).join(', ')}`)
    .join('; ');
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${height}" width="100%" class="chart-premium" role="img" aria-labelledby="${id}-title ${id}-desc">`,
    `<title id="${id}-title">${esc(input.title)}</title>`,
    `<desc id="${id}-desc">Tokens for the same text relative to English (1× = as many tokens as English). ${esc(desc)}.</desc>`,
    `<defs><pattern id="${id}-hatch" width="4" height="4" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="4" height="4" fill="#fff"/><line x1="0" y1="0" x2="0" y2="4" stroke="#555" stroke-width="2"/></pattern></defs>`,
    `<rect width="${WIDTH}" height="${height}" fill="#fff"/>`,
    ...keys.items,
    `<g transform="translate(0 ${shift})">`,
    ...axis(top, step, x, base),
    ...input.languages.flatMap((l, i) => group(l, i, input.series, x, id)),
    '</g>',
    '</svg>',
  ];
  return parts.join('\n');
}

const LEGEND_ROW = 16;

function legend(series: readonly PremiumSeries[], id: string, left: number, width: number): { items: string[]; rows: number } {
  let [at, row] = [left, 0];
  const items = series.map((s, k) => {
    const name = seriesName(s);
    const w = 32 + name.length * 7.2;
    if (at > left && at + w > width - 4) [at, row] = [left, row + 1];
    const y = 8 + row * LEGEND_ROW;
    const fill = s.proxy ? `url(#${id}-hatch)` : COLOURS[k % COLOURS.length];
    const item = `<g ${FONT}><rect x="${at}" y="${y}" width="10" height="10" fill="${fill}" stroke="${COLOURS[k % COLOURS.length]}"/><text x="${at + 14}" y="${y + 9}">${esc(name)}</text></g>`;
    at += w;
    return item;
  });
  return { items, rows: row + 1 };
}

function axis(top: number, step: number, x: (v: number) => number, height: number): string[] {
  const ticks: string[] = [];
  for (let v = 0; v <= top + 1e-9; v += step) {
    const strong = Math.abs(v - 1) < 1e-9;
    ticks.push(`<line x1="${x(v)}" y1="${TOP - 6}" x2="${x(v)}" y2="${height - 20}" stroke="${strong ? '#333' : '#ddd'}"${strong ? ' stroke-dasharray="4 3"' : ''}/>`);
    ticks.push(`<text x="${x(v)}" y="${height - 6}" text-anchor="middle" ${FONT} fill="#333">${trim(v)}×</text>`);
  }
  ticks.push(`<text x="${x(1) + 4}" y="${TOP - 10}" ${FONT} fill="#333">English = 1×</text>`);
  return ticks;
}

function group(lang: { code: string; name: string }, i: number, series: readonly PremiumSeries[], x: (v: number) => number, id: string): string[] {
  const y0 = TOP + i * (LABEL_H + series.length * BAR_H + GAP);
  const left = x(0);
  const out = [`<text x="${left}" y="${y0 + LABEL_H - 5}" ${FONT} ${HALO} font-weight="600">${esc(lang.name)} <tspan fill="#57606a" font-weight="400">${esc(lang.code)}</tspan></text>`];
  series.forEach((s, k) => {
    const v = s.values[i];
    const y = y0 + LABEL_H + k * BAR_H;
    const tip = `<title>${esc(`${lang.name} · ${seriesName(s)}: ${times(v)}`)}</title>`;
    if (v === undefined) {
      out.push(`<text x="${left + 4}" y="${y + BAR_H - 1}" ${FONT} font-size="10" fill="#57606a">n/a${tip}</text>`);
      return;
    }
    const fill = s.proxy ? `url(#${id}-hatch)` : COLOURS[k % COLOURS.length];
    out.push(`<rect x="${left}" y="${y}" width="${Math.max(1, x(v) - left)}" height="${BAR_H - 1}" fill="${fill}" stroke="${COLOURS[k % COLOURS.length]}" stroke-width="0.5">${tip}</rect>`);
    out.push(`<text x="${x(v) + 3}" y="${y + BAR_H - 1}" ${FONT} ${HALO} font-size="10" fill="#333">${trim(v)}×</text>`);
  });
  return out;
}
