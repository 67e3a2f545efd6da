// Inputs of a given token length: counted with the model's own tokenizer when versus can run it, else
// estimated from the characters per token versus measured on the UDHR, and always labelled which.
import { findTokenizer, isAvailable } from '../tokenizers/registry.js';
import type { TokenizerFiles } from '../tokenizers/files.js';
import type { TokenResults } from '../tokens/results.js';

/** Counts the tokens of a text, exactly or by estimate, and says which. */
export interface InputSizer {
  readonly exact: boolean;
  /** In words, for reports: which tokenizer counted, or how the estimate was made. */
  readonly basis: string;
  count(text: string): number;
}

/** What decides the sizer: the model's catalog tokenizer id (if known), where tokenizer files are, and the measured token counts. */
export interface SizerInput {
  readonly tokenizer?: string;
  /** The catalog model the served model maps to, for the words of the basis. */
  readonly model?: string;
  readonly files: TokenizerFiles;
  /** UDHR code of the language the inputs are written in. */
  readonly language: string;
  readonly tokens?: TokenResults;
}

/**
 * The model's tokenizer when versus can run it (exact counts), else an estimate from the characters per token
 * measured for that tokenizer (or the median over every measured tokenizer) on the UDHR in that language.
 * @example (await sizerFor({ tokenizer: 'llama3', files, language: 'eng' })).exact // true
 */
export async function sizerFor(o: SizerInput): Promise<InputSizer> {
  const spec = o.tokenizer === undefined ? undefined : findTokenizer(o.tokenizer);
  if (spec && isAvailable(spec, o.files)) {
    const tok = await spec.load(o.files);
    const fidelity = tok.fidelity === 'proxy' ? ' (a stand-in tokenizer: counts are estimates)' : '';
    return { exact: tok.fidelity !== 'proxy', basis: `${tok.fidelity === 'proxy' ? 'approximate' : 'exact'}: counted with the ${spec.label} tokenizer${o.model ? ` of ${o.model}` : ''}, ${tok.implementation}${fidelity}`, count: (t) => tok.count(t) };
  }
  const why = o.tokenizer === undefined ? 'the served model maps to no catalog model with a known tokenizer (give --catalog-model)'
    : spec ? `the ${spec.label} tokenizer needs files that are not here (${spec.files.join(', ')}; give --tokenizer-dir)` : `versus cannot run the ${o.tokenizer} tokenizer`;
  const estimate = charsPerToken(o.tokens, o.language, spec?.id);
  return {
    exact: false,
    basis: `approximate: ${why}; lengths estimated at ${estimate.value.toFixed(2)} characters per token, ${estimate.how}`,
    count: (t) => Math.ceil(codePoints(t) / estimate.value),
  };
}

const codePoints = (t: string) => {
  let n = 0;
  for (const c of t) if (c) n += 1;
  return n;
};

/** Characters per token on the UDHR in `language`: for `tokenizer` when measured, else the median over the measured ones. */
function charsPerToken(tokens: TokenResults | undefined, language: string, tokenizer?: string): { value: number; how: string } {
  const i = tokens?.languages.findIndex((l) => l.code === language) ?? -1;
  const lang = tokens?.languages[i];
  if (!tokens || !lang) return { value: 4, how: 'a rule of thumb for English text (no measured token counts for this language)' };
  const ratio = (id: string) => {
    const n = tokens.counts[id]?.[i];
    return n ? lang.chars / n : undefined;
  };
  const own = tokenizer === undefined ? undefined : ratio(tokenizer);
  if (own !== undefined) return { value: own, how: `as the ${tokenizer} tokenizer measured on the UDHR in ${lang.name} (data/measured/tokens.json, ${tokens.measured})` };
  const all = tokens.tokenizers.flatMap((t) => ratio(t.id) ?? []).sort((a, b) => a - b);
  const median = all[Math.floor(all.length / 2)];
  return median === undefined
    ? { value: 4, how: 'a rule of thumb for English text (no measured token counts for this language)' }
    : { value: median, how: `the median of ${all.length} tokenizers measured on the UDHR in ${lang.name} (data/measured/tokens.json, ${tokens.measured})` };
}

/** Short endings tried when no length of the text itself hits the target (a cut can add two tokens at once). */
const PADS = [' a', ' .', '.', ' a.', ' a a', ' ', '\n'];

/**
 * A text of exactly `target` tokens when one can be found: the largest `n` (0…max) whose `build(n, '')` has at most
 * `target` tokens, then, when that falls short, a few short endings (`build(n, pad)`) on it and the next shorter
 * texts. `build` must grow with `n`. Guesses from the tokens per unit seen so far, then halves the bracket.
 * Returns the closest text at or under the target otherwise, with its count.
 * @example fitText((n, pad) => 'word '.repeat(n) + pad, 1024, sizer, 10_000).tokens // 1024
 */
export function fitText(build: (n: number, pad: string) => string, target: number, sizer: InputSizer, max: number): { text: string; tokens: number } {
  const at = (n: number, pad = '') => {
    const text = build(n, pad);
    return { text, tokens: sizer.count(text) };
  };
  let lo = 0;
  let best = at(0);
  if (best.tokens >= target) return best;
  let hi = max + 1;
  let n = Math.min(max, Math.max(1, Math.round(target * 3)));
  for (let i = 0; i < 60 && hi - lo > 1; i++) {
    const tried = at(n);
    if (tried.tokens <= target) {
      lo = n;
      best = tried;
      if (tried.tokens === target) return best;
    } else {
      hi = n;
    }
    const guess = Math.round(n + ((target - tried.tokens) * n) / Math.max(1, tried.tokens));
    n = guess > lo && guess < hi ? guess : Math.floor((lo + hi) / 2);
    if (n <= lo) n = lo + 1;
    if (n >= hi) break;
  }
  for (let back = 0; back <= 3 && lo - back >= 0; back++) {
    for (const pad of PADS) {
      const padded = at(lo - back, pad);
      if (padded.tokens === target) return padded;
    }
  }
  return best;
}
