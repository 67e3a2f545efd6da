// Quantities people type: "128k" tokens (binary, as model cards count context), "1.2b" users (decimal).

const UNITS = {
  // Token counts in binary units, as model cards and `versus fit --context` read them: 128k = 131,072.
  tokens: { '': 1, k: 1024, m: 1024 * 1024 },
  // Everything else in decimal units: 1.2b users = 1,200,000,000.
  count: { '': 1, k: 1e3, m: 1e6, b: 1e9 },
} as const satisfies Record<string, Readonly<Record<string, number>>>;

export type QuantityUnit = keyof typeof UNITS;

/**
 * Expands "128k" (tokens: 131,072), "1.2b" (count: 1,200,000,000), "1,000,000"; undefined if it is not a quantity
 * (or, for tokens, not a whole number of them).
 * @example parseQuantity('128k', 'tokens') // 131072
 */
export function parseQuantity(text: string, unit: QuantityUnit): number | undefined {
  const m = /^(\d+(?:\.\d+)?)([a-z]?)$/i.exec(text.replace(/[,_\s]/g, ''));
  const scales: Readonly<Record<string, number>> = UNITS[unit];
  const scale = m ? scales[(m[2] ?? '').toLowerCase()] : undefined;
  const exact = m && scale !== undefined ? Number(m[1]) * scale : undefined;
  // A token count is whole: "1.5" or "0.1k" (102.4) tokens is refused, not rounded; "1.5k" is 1,536.
  const n = exact === undefined || (unit === 'tokens' && !Number.isInteger(exact)) ? undefined : Math.round(exact);
  return n !== undefined && Number.isSafeInteger(n) ? n : undefined;
}
