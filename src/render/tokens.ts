// Plain-text and JSON views of measured token premiums and of one text's token counts. Pure.
import { formatInt, trim } from '../format.js';
import { ENGLISH, languageIndex, type MeasuredLanguage, type MeasuredTokenizer, type TokenResults } from '../measure/tokens/measured.js';

const FIDELITY_NOTE = {
  exact: '',
  'reconstructed-ids': 'token counts exact; some ids reconstructed',
  proxy: 'PROXY: another tokenizer stands in for this one',
} as const;

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length)));
  return rows.map((r) => r.map((cell, c) => (c < 2 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  ').trimEnd()).join('\n');
}

function tokenizerNotes(tokenizers: readonly MeasuredTokenizer[]): string[] {
  return tokenizers.map((t) => `  ${t.id}: ${t.label}${FIDELITY_NOTE[t.fidelity] ? ` (${FIDELITY_NOTE[t.fidelity]})` : ''}; ${t.implementation}`);
}

/**
 * The premium table: one row per language (English first, with its token counts), one column
 * per tokenizer, then what each tokenizer is, the incomplete texts, and how to reproduce.
 * @example premiumTable(results, ['hin', 'tam'], ['qwen3.5', 'llama4'])
 */
export function premiumTable(r: TokenResults, codes: readonly string[], tokenizerIds: readonly string[]): string {
  const tokenizers = tokenizerIds.map((id) => r.tokenizers.find((t) => t.id === id)!);
  const eng = languageIndex(r, ENGLISH);
  const langs = [...new Set([eng, ...codes.map((c) => languageIndex(r, c))])].map((i) => r.languages[i]!);
  const cell = (t: MeasuredTokenizer, l: MeasuredLanguage) => {
    const n = r.counts[t.id]?.[languageIndex(r, l.code)];
    const e = r.counts[t.id]?.[eng];
    return n == null || e == null ? '—' : `${(n / e).toFixed(2)}×`;
  };
  const rows = [
    ['language', 'script', ...tokenizers.map((t) => t.id)],
    ['English tokens', '', ...tokenizers.map((t) => formatInt(r.counts[t.id]?.[eng] ?? 0))],
    ...langs.map((l) => [`${l.name} (${l.code})${l.incomplete ? ' *' : ''}`, l.script, ...tokenizers.map((t) => cell(t, l))]),
  ];
  const incomplete = langs.filter((l) => l.incomplete).map((l) => `  * ${l.code}: incomplete text (${l.incomplete}); its premium understates the cost`);
  return [
    'Token premium = tokens of the UDHR in the language ÷ tokens of the English UDHR, same tokenizer, no special tokens.',
    '',
    table(rows),
    '',
    'Tokenizers:',
    ...tokenizerNotes(tokenizers),
    ...(incomplete.length ? ['', ...incomplete] : []),
    '',
    `Corpus ${r.corpus}; measured ${r.measured} by versus ${r.tool_version}. Regenerate: ${r.regenerate}`,
    '',
  ].join('\n');
}

/** The premium table as JSON: per language, tokens and premium per tokenizer. */
export function premiumJson(r: TokenResults, codes: readonly string[], tokenizerIds: readonly string[]): string {
  const eng = languageIndex(r, ENGLISH);
  const idx = [...new Set([eng, ...codes.map((c) => languageIndex(r, c))])];
  const languages = idx.map((i) => {
    const l = r.languages[i]!;
    const tokens = Object.fromEntries(tokenizerIds.map((id) => [id, r.counts[id]?.[i] ?? null]));
    const premium = Object.fromEntries(tokenizerIds.map((id) => {
      const n = r.counts[id]?.[i];
      const e = r.counts[id]?.[eng];
      return [id, n == null || e == null ? null : n / e];
    }));
    return { ...l, tokens, premium };
  });
  const { counts: _counts, languages: _languages, tokenizers, ...head } = r;
  return `${JSON.stringify({ ...head, tokenizers: tokenizers.filter((t) => tokenizerIds.includes(t.id)), languages }, null, 2)}\n`;
}

export type TextCount =
  | { tokenizer: MeasuredTokenizer; tokens: number }
  | { tokenizer: Pick<MeasuredTokenizer, 'id' | 'label'>; unavailable: string };

/**
 * Token counts of the user's own text, one line per tokenizer.
 * @example textTable(142, [{ tokenizer: qwen, tokens: 37 }])
 */
export function textTable(chars: number, counts: readonly TextCount[]): string {
  const rows = [
    ['tokenizer', 'label', 'tokens', 'chars/token'],
    ...counts.map((c) => ('tokens' in c
      ? [c.tokenizer.id, c.tokenizer.label, formatInt(c.tokens), c.tokens ? trim(chars / c.tokens) : '—']
      : [c.tokenizer.id, c.tokenizer.label, '—', '—'])),
  ];
  const notes = counts.map((c) => ('tokens' in c
    ? `  ${c.tokenizer.id}: ${c.tokenizer.implementation}${FIDELITY_NOTE[c.tokenizer.fidelity] ? ` (${FIDELITY_NOTE[c.tokenizer.fidelity]})` : ''}`
    : `  ${c.tokenizer.id}: not counted — ${c.unavailable}`));
  return [`${formatInt(chars)} characters, no special tokens added.`, '', table(rows), '', ...notes, ''].join('\n');
}
