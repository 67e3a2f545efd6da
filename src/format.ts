// Number and date formatting shared by every surface, so a value reads the same everywhere.

/** 397e9 → "397B", 0.8e9 → "0.8B" (as vendors name them), 270e6 → "270M", 1.5e12 → "1.5T". */
export function formatParams(n: number): string {
  const [scale, unit] = n >= 1e12 ? [1e12, 'T'] : n >= 0.5e9 ? [1e9, 'B'] : [1e6, 'M'];
  return `${trim(n / scale)}${unit}`;
}

/** Up to three significant digits, no trailing zeros: 17.0 → "17", 0.75 → "0.75". */
export function trim(x: number): string {
  const digits = x >= 100 ? 0 : x >= 10 ? 1 : 2;
  return String(Number(x.toFixed(digits)));
}

/** 262144 → "262,144". (Not toLocaleString: loading ICU costs ~9 ms on the CLI's fast path.) */
export function formatInt(n: number): string {
  return String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** Context windows: 262144 → "262,144 tokens (256K)", 10_000_000 → "10,000,000 tokens (10M)". */
export function formatTokens(n: number): string {
  const short = n >= 1e6 ? `${trim(n / 1e6)}M` : n % 1024 === 0 ? `${n / 1024}K` : n >= 1000 ? `${trim(n / 1000)}K` : '';
  return short ? `${formatInt(n)} tokens (${short})` : `${formatInt(n)} tokens`;
}

/** Bytes in decimal units, as GPU vendors state memory: 218e9 → "218 GB". */
export function formatBytes(n: number): string {
  const units: [number, string][] = [[1e12, 'TB'], [1e9, 'GB'], [1e6, 'MB'], [1e3, 'kB']];
  const [scale, unit] = units.find(([s]) => n >= s) ?? [1, 'B'];
  return `${trim(n / scale)} ${unit}`;
}

/** Per-token sizes in binary units: 65536 → "64 KiB". */
export function formatKiB(n: number): string {
  return n >= 1024 * 1024 ? `${trim(n / 1024 / 1024)} MiB` : n >= 1024 ? `${trim(n / 1024)} KiB` : `${trim(n)} B`;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "2026-02-16" → "Feb 2026". */
export function formatMonth(date: string): string {
  const [year, month] = date.split('-');
  return `${MONTHS[Number(month) - 1] ?? '?'} ${year}`;
}

/** "a, b and c". */
export function listing(items: readonly string[], conjunction = 'and'): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} ${conjunction} ${items.at(-1)}`;
}

/**
 * Orders ids and ISO dates by code unit, without locale rules (and without loading ICU, which
 * localeCompare does on first use: milliseconds on the CLI's fast path).
 * @example ['b', 'a'].sort(byText) // ['a', 'b']
 */
export function byText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Money with a decimal suffix, per period when given.
 * @example formatRevenue(20e6, 'USD', 'year') // "US$20M a year"
 */
export function formatRevenue(amount: number, currency: string, period?: 'month' | 'year'): string {
  const unit = amount >= 1e9 ? [1e9, 'B'] as const : amount >= 1e6 ? [1e6, 'M'] as const : [1, ''] as const;
  const money = `${currency === 'USD' ? 'US$' : `${currency} `}${unit[0] === 1 ? formatInt(amount) : trim(amount / unit[0])}${unit[1]}`;
  return period ? `${money} a ${period}` : money;
}

/**
 * A language count with the vendor's wording: the label follows the count when it names languages,
 * else it is put in brackets after "languages", so "10 the card's supported languages" never reads.
 * @example languageCount({ count: 48, label: 'including all official EU languages' }) // '48 languages (including all official EU languages)'
 * @example languageCount({ count: 12 }, 'official') // '12 official languages'
 */
export function languageCount(v: { readonly count: number; readonly label?: string | undefined }, qualifier?: string): string {
  const label = v.label ?? 'languages';
  const noun = /^languages?\b/.test(label) ? label : `languages (${label})`;
  return `${formatInt(v.count)} ${qualifier ? `${qualifier} ` : ''}${noun}`;
}
