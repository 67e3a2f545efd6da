// The long-context suite: a one-sentence needle (a five-digit access code) hidden at several depths of a haystack
// made of the Universal Declaration of Human Rights in the chosen language, each haystack sized to a token length.
import { random } from './random.js';
import { fitText, type InputSizer } from './sizing.js';
import type { EvalTask, Suite } from './suites.js';

/** A haystack language: its UDHR code and name, and the declaration's text. */
export interface Haystack {
  readonly code: string;
  readonly name: string;
  readonly text: string;
}

export interface LongContextOptions {
  readonly seed: number;
  /** Input lengths in tokens (the whole user message). */
  readonly lengths: readonly number[];
  /** Where the needle goes, as a fraction of the haystack (0 = start, 1 = end). */
  readonly depths: readonly number[];
  readonly haystacks: readonly Haystack[];
  readonly sizer: InputSizer;
}

export const DEFAULT_DEPTHS: readonly number[] = [0.1, 0.5, 0.9];

const INTRO = 'Read the document below. A sentence about an access code is hidden in it.\n\n';
const QUESTION = '\n\nWhat is the access code for the archive room, as the document states it? Answer with the number only.';

/** `text` repeated (copies separated by a blank line) to `chars` UTF-16 units, never splitting a surrogate pair. */
function repeated(text: string, chars: number): string {
  const copies = Math.ceil(chars / (text.length + 2)) + 1;
  let out = Array.from({ length: copies }, () => text).join('\n\n').slice(0, chars);
  if (/[\uD800-\uDBFF]$/.test(out)) out = out.slice(0, -1);
  return out;
}

/** The haystack with the needle after the first whitespace at or past `depth` of it (at the end when there is none). */
export function withNeedle(hay: string, needle: string, depth: number): string {
  const at = Math.floor(hay.length * depth);
  const space = hay.slice(at).search(/\s/);
  if (space < 0) return `${hay} ${needle}`;
  const cut = at + space + 1;
  return `${hay.slice(0, cut)}${needle} ${hay.slice(cut)}`;
}

/** 4096 → "4k", 131072 → "128k", 5000 → "5000". */
export const tokensLabel = (n: number) => (n % 1024 === 0 ? `${n / 1024}k` : String(n));

/**
 * One task per haystack language × length × depth; the user message is sized to each length with `sizer`.
 * @example longContext({ seed: 1, lengths: [4096], depths: [0.5], haystacks: [eng], sizer }).tasks[0].id // 'lc-eng-4k-d50'
 */
export function longContext(o: LongContextOptions): Suite {
  const r = random(o.seed * 104_729 + 3);
  const tasks = o.haystacks.flatMap((h) => o.lengths.flatMap((length) => o.depths.map((depth): EvalTask => {
    const code = 10_000 + Math.floor(r() * 90_000);
    const needle = `The access code for the archive room is ${code}.`;
    const build = (chars: number, pad: string) => `${INTRO}${withNeedle(repeated(h.text, chars), needle, depth)}${pad}${QUESTION}`;
    const { text } = fitText(build, length, o.sizer, length * 16);
    return { id: `lc-${h.code}-${tokensLabel(length)}-d${Math.round(depth * 100)}`, prompt: text, graders: [{ kind: 'numeric', expected: code }], max_tokens: 2048 };
  })));
  return {
    id: 'long-context',
    description: `Needle retrieval at ${o.lengths.map(tokensLabel).join(', ')} tokens, needle at ${o.depths.map((d) => `${Math.round(d * 100)}%`).join(', ')} depth, in UDHR text (${o.haystacks.map((h) => h.name).join(', ')}); the needle and question are in English`,
    tasks, sizing: o.sizer.basis,
  };
}
