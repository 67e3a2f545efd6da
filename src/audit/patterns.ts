// What a text states: attribute patterns (context, languages, parameters, licence, fit, …) and the claims they find.
import type { Catalog } from '../catalog/catalog.js';

/** What a claim states, by attribute; numbers are plain (tokens, parameters, users). */
export type ClaimValue =
  | { readonly attribute: 'context'; readonly tokens: number; readonly superlative: boolean }
  | { readonly attribute: 'languages'; readonly count: number }
  | { readonly attribute: 'params'; readonly total?: number; readonly active?: number; readonly upTo?: boolean }
  | { readonly attribute: 'experts'; readonly count: number }
  | { readonly attribute: 'size-range'; readonly from: number; readonly to: number }
  | { readonly attribute: 'vocab'; readonly size: number }
  | { readonly attribute: 'mau-threshold'; readonly users: number | null }
  | { readonly attribute: 'acceptable-use-policy'; readonly present: boolean }
  | { readonly attribute: 'license'; readonly license: string; readonly name: string }
  | { readonly attribute: 'released'; readonly year: number; readonly month?: number; readonly part?: 'early' | 'mid' | 'late' }
  | { readonly attribute: 'fit'; readonly gpu: string; readonly gpus: number; readonly multi?: boolean }
  | { readonly attribute: 'modality'; readonly modality: 'image' | 'audio' | 'video' }
  | { readonly attribute: 'architecture'; readonly kind: 'gated-deltanet' | 'moe' | 'mla' | 'sliding' }
  | { readonly attribute: 'benchmark'; readonly benchmark: string; readonly score: number }
  | { readonly attribute: 'benchmark-lead'; readonly benchmark: string }
  | { readonly attribute: 'cloud'; readonly clouds: readonly string[] }
  | { readonly attribute: 'latest' };

/** A claim found in a piece of text, before it is given an entity. */
export interface Found {
  readonly value: ClaimValue;
  readonly start: number;
  readonly end: number;
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const MONTH = '(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?';
// A number starts where a run of digits starts: without the lookbehind, a pattern tried at every digit of a long run
// re-reads the rest of it each time (59,000 digits took 82 s of one core to audit).
const NUM = '(?<!\\d)(\\d+(?:\\.\\d+)?)';

/** "10-million", "128K", "1.2 billion" → a number. */
function amount(n: string, unit = ''): number {
  const scale: Record<string, number> = { '': 1, k: 1e3, thousand: 1e3, m: 1e6, million: 1e6, b: 1e9, billion: 1e9, t: 1e12, trillion: 1e12 };
  return Number(n.replace(/,/g, '')) * (scale[unit.toLowerCase()] ?? 1);
}

/** Every match of a pattern, mapped to a claim value (or skipped with undefined). */
function each(text: string, re: RegExp, make: (m: RegExpExecArray) => ClaimValue | undefined): Found[] {
  const out: Found[] = [];
  const g = new RegExp(re.source, re.flags.includes('g') ? re.flags : `${re.flags}g`);
  for (let m = g.exec(text); m; m = g.exec(text)) {
    const value = make(m);
    if (value) out.push({ value, start: m.index, end: m.index + m[0].length });
  }
  return out;
}

const LICENSES: readonly [RegExp, string, string][] = [
  [/\bapache[ -]?(?:licen[cs]e[ ,]*)?(?:v(?:ersion)?\s*)?2(?:\.0)?\b/i, 'apache-2.0', 'Apache 2.0'],
  [/\bMIT licen[cs]e\b|\bMIT-licensed\b|\bunder (?:the )?MIT\b/i, 'mit', 'MIT'],
  [/\bLlama(?: \d(?:\.\d)?)? Community Licen[cs]e\b|\bLlama licen[cs]e\b/i, 'llama', 'Llama Community License'],
  [/\bGemma Terms of Use\b/i, 'gemma', 'Gemma Terms of Use'],
  [/\bCC[- ]BY[- ]NC\b/i, 'cc-by-nc', 'CC BY-NC'],
];

const MODALITIES: readonly [RegExp, 'image' | 'audio' | 'video'][] = [
  [/\b(?:text\s*\+\s*image|image(?:\s+and\s+text)?\s+input|vision(?:\s*\+\s*text)?|visual understanding|image understanding)\b/i, 'image'],
  [/\baudio(?:\s+(?:input|support|understanding))?\b/i, 'audio'],
  [/\bvideo(?:\s+(?:input|understanding))\b/i, 'video'],
];

const ARCHITECTURES: readonly [RegExp, 'gated-deltanet' | 'moe' | 'mla' | 'sliding'][] = [
  [/\bgated[ -]?delta[ -]?net(?:work)?s?\b/i, 'gated-deltanet'],
  [/\bmixture[ -]of[ -]experts\b|\bMoE\b/, 'moe'],
  [/\bmulti-head latent attention\b|\bMLA\b/, 'mla'],
  [/\bsliding[ -]window attention\b/i, 'sliding'],
];

const CLOUDS: readonly [RegExp, string][] = [
  [/\b(?:AWS|Amazon Bedrock|Bedrock|Amazon Web Services)\b/, 'AWS'],
  [/\b(?:Azure|Microsoft Foundry)\b/, 'Azure'],
  [/\b(?:GCP|Google Cloud|Vertex AI)\b/, 'Google Cloud'],
  [/\bAlibaba Cloud\b|\bModel Studio\b/, 'Alibaba Cloud'],
];

const COUNT_WORDS: Record<string, number> = { a: 1, one: 1, single: 1, two: 2, four: 4, eight: 8 };

/** Words that make a token count a context-window claim. */
const CONTEXT_CUE = /context|window|capacity|long[- ]document/i;

/**
 * The claims in a piece of text. `cue` is extra text that says what the piece is about (a table's row label).
 * @example findClaims('128K tokens', 'Maximum Context Window', ctx)[0].value // { attribute: 'context', tokens: 128000, … }
 */
export function findClaims(text: string, cue: string, gpus: GpuNames, benchmarks: BenchmarkNames): Found[] {
  const about = `${cue} ${text}`;
  const found: Found[] = [];
  const vocab = each(text, new RegExp(`${NUM}\\s*(k|m)?[- ]?(?:token\\s+)?vocabular`, 'i'), (m) => ({ attribute: 'vocab', size: amount(m[1] ?? '', m[2]) }));
  found.push(...vocab);
  const superlative = /industry[- ]leading|unmatched|no (?:other |open )?(?:competitor|model)|longest|largest context/i.test(about);
  if (CONTEXT_CUE.test(about)) {
    found.push(...each(text, new RegExp(`${NUM}[- ]?(k|m|thousand|million)?[- ]?(?:tokens?|token)\\b(?![- ]vocab)`, 'i'), (m) => {
      const unit = m[2] ?? '';
      const tokens = amount(m[1] ?? '', unit);
      return tokens >= 1000 ? { attribute: 'context', tokens, superlative } : undefined;
    }));
    found.push(...each(text, new RegExp(`${NUM}\\s?(k|m)\\b[- ](?:context|window)`, 'i'), (m) => ({ attribute: 'context', tokens: amount(m[1] ?? '', m[2]), superlative })));
  }
  found.push(...each(text, /(?<!vs\.? |\d )\b(\d{1,3})\s+(?:(?:core|official|officially supported|supported|major|natural)\s+)?languages\b/i, (m) => ({ attribute: 'languages', count: Number(m[1]) })));
  found.push(...each(text, new RegExp(`\\b${NUM}B-A${NUM}B\\b`, 'i'), (m) => ({ attribute: 'params', total: amount(m[1] ?? '', 'b'), active: amount(m[2] ?? '', 'b') })));
  found.push(...each(text, new RegExp(`\\b${NUM}\\s*(B|billion)\\s+active\\b`, 'i'), (m) => ({ attribute: 'params', active: amount(m[1] ?? '', 'b') })));
  found.push(...each(text, new RegExp(`\\b(up to\\s+)?${NUM}\\s*(B|billion)\\s+total\\b`, 'i'), (m) => ({ attribute: 'params', total: amount(m[2] ?? '', 'b'), upTo: m[1] !== undefined })));
  found.push(...each(text, new RegExp(`(?<!activat\\w*\\s+(?:only\\s+|just\\s+)?)\\b${NUM}[- ](?:billion|B)[- ]param(?:eter)?s?\\b(?![- ](?:active|activated|per token|are activ))`, 'i'), (m) => ({ attribute: 'params', total: amount(m[1] ?? '', 'b') })));
  found.push(...each(text, new RegExp(`\\bactivat(?:es|ing)\\s+(?:only\\s+|just\\s+)?${NUM}\\s*(?:B|billion)\\b|\\b${NUM}\\s*(?:B|billion)\\s+(?:parameters\\s+)?(?:are\\s+)?activated\\b`, 'i'), (m) => ({ attribute: 'params', active: amount(m[1] ?? m[2] ?? '', 'b') })));
  found.push(...each(text, /\b(\d{1,4})[- ]experts?\b/i, (m) => ({ attribute: 'experts', count: Number(m[1]) })));
  found.push(...each(text, new RegExp(`\\b${NUM}B\\s*(?:to|–|—|-)\\s*${NUM}B\\b`, 'i'), (m) => ({ attribute: 'size-range', from: amount(m[1] ?? '', 'b'), to: amount(m[2] ?? '', 'b') })));
  found.push(...each(text, new RegExp(`\\b${NUM}[- ]?(million|billion|m|b)\\b[- ]?(?:monthly[- ]active[- ]users?|MAU)`, 'i'), (m) => ({ attribute: 'mau-threshold', users: amount(m[1] ?? '', m[2]) })));
  found.push(...each(text, /\bno (?:monthly active user|MAU) (?:caps?|limits?|thresholds?)/i, () => ({ attribute: 'mau-threshold', users: null })));
  found.push(...each(text, /\b(no )?acceptable[- ]use polic(?:y|ies)\b/i, (m) => ({ attribute: 'acceptable-use-policy', present: m[1] === undefined })));
  // "MIT license for code, a separate agreement for the weights" says nothing about the model's licence.
  const forCode = /^\s*(?:licen[cs]e\s+)?(?:(?:is\s+)?(?:only\s+)?for|covers|on)\s+(?:the\s+)?(?:code|source|repository|repo)\b/i;
  for (const [re, license, name] of LICENSES) found.push(...each(text, re, (m) => (forCode.test(text.slice(m.index + m[0].length)) ? undefined : { attribute: 'license', license, name })));
  found.push(...each(text, new RegExp(`\\b(?:released|launched|announced|debuted|arrived|shipped)(?:\\s+(?:in|on))?\\s+(?:(early|mid|late)[- ])?(?:${MONTH}\\s+)?(20\\d\\d)\\b`, 'i'), (m) => released(m[2], m[3], m[1])));
  found.push(...each(text, new RegExp(`\\(${MONTH}\\s+(20\\d\\d)\\)`, 'i'), (m) => released(m[1], m[2])));
  found.push(...fitClaims(text, gpus));
  for (const [re, modality] of MODALITIES) found.push(...each(text, re, (m) => (/\b(?:no|without|lacks?)\s+$/i.test(text.slice(0, m.index)) ? undefined : { attribute: 'modality', modality })));
  for (const [re, kind] of ARCHITECTURES) found.push(...each(text, re, () => ({ attribute: 'architecture', kind })));
  found.push(...benchmarkClaims(text, benchmarks));
  if (/available|availability|cloud|partner|platform|ecosystem/i.test(about)) found.push(...cloudClaims(text));
  if (/\blatest\b/i.test(cue)) found.push({ value: { attribute: 'latest' }, start: 0, end: text.length });
  const bare = bareCell(text, cue);
  if (bare) found.push({ value: bare, start: 0, end: text.length });
  return dropOverlaps(found);
}

/** One claim per run of cloud names ("AWS, Azure, and Google Cloud"), so each run goes to the entity named before it. */
function cloudClaims(text: string): Found[] {
  const hits = CLOUDS.flatMap(([re, name]) => [...text.matchAll(new RegExp(re.source, 'g'))].map((m) => ({ name, start: m.index, end: m.index + m[0].length })))
    .sort((a, b) => a.start - b.start);
  const runs: { names: string[]; start: number; end: number }[] = [];
  for (const h of hits) {
    const last = runs.at(-1);
    if (last && /^[\s,/&]*(?:and|or)?[\s,/&]*$/i.test(text.slice(last.end, h.start))) {
      if (!last.names.includes(h.name)) last.names.push(h.name);
      last.end = h.end;
    } else runs.push({ names: [h.name], start: h.start, end: h.end });
  }
  return runs.map((r) => ({ value: { attribute: 'cloud', clouds: r.names }, start: r.start, end: r.end }));
}

/** A table cell that is only a number takes its meaning from the row label: "Expert Count | 16". */
function bareCell(text: string, label: string): ClaimValue | undefined {
  const b = /^~?\s*(\d+(?:\.\d+)?)\s*(B|billion)?$/i.exec(text.trim());
  if (!b || label === '') return undefined;
  const n = Number(b[1]);
  if (b[2] && /active/i.test(label)) return { attribute: 'params', active: n * 1e9 };
  if (b[2] && /param|size/i.test(label)) return { attribute: 'params', total: n * 1e9 };
  if (!b[2] && Number.isInteger(n) && /expert/i.test(label) && !/active|per token|routed per/i.test(label)) return { attribute: 'experts', count: n };
  if (!b[2] && Number.isInteger(n) && /language/i.test(label)) return { attribute: 'languages', count: n };
  return undefined;
}

function released(month: string | undefined, year: string | undefined, part?: string): ClaimValue | undefined {
  if (!year) return undefined;
  const m = month ? MONTHS.indexOf(month.slice(0, 3).toLowerCase()) + 1 : undefined;
  return { attribute: 'released', year: Number(year), ...(m ? { month: m } : {}), ...(part ? { part: part.toLowerCase() as 'early' | 'mid' | 'late' } : {}) };
}

/** GPU names as a text would write them ("H100", "RTX 4090"), mapped to catalog ids. */
export type GpuNames = readonly { readonly re: RegExp; readonly id: string }[];

/** Benchmarks by name and id, longest first. */
export type BenchmarkNames = readonly { readonly re: RegExp; readonly id: string }[];

function fitClaims(text: string, gpus: GpuNames): Found[] {
  const out: Found[] = [];
  for (const { re, id } of gpus) {
    const fits = new RegExp(`\\b(?:fits?|fitting|runs?|deployable)\\s+(?:on\\s+|in\\s+|onto\\s+)?(?:a\\s+)?(single|one|two|four|eight|\\d)\\s+(?:NVIDIA\\s+|AMD\\s+)?${re.source}`, 'i');
    out.push(...each(text, fits, (m) => ({ attribute: 'fit', gpu: id, gpus: COUNT_WORDS[(m[1] ?? '').toLowerCase()] ?? Number(m[1]) })));
  }
  const gpuHere = gpus.find(({ re }) => re.test(text))?.id ?? 'h100-sxm';
  out.push(...each(text, /\brequires?\s+(?:a\s+)?(?:multi-?GPU|multiple GPUs|more than one GPU)/i, () => ({ attribute: 'fit', gpu: gpuHere, gpus: 1, multi: true })));
  return out;
}

function benchmarkClaims(text: string, benchmarks: BenchmarkNames): Found[] {
  const out: Found[] = [];
  for (const { re, id } of benchmarks) {
    out.push(...each(text, new RegExp(`${re.source}\\s*(?:\\([^)]*\\))?\\s*(?::|=|score of|of)\\s*${NUM}%?`), (m) => ({ attribute: 'benchmark', benchmark: id, score: Number(m.at(-1)) })));
    out.push(...each(text, new RegExp(`${NUM}%?\\s+on\\s+${re.source}`), (m) => ({ attribute: 'benchmark', benchmark: id, score: Number(m[1]) })));
    const lead = new RegExp(`\\b(?:[Ll]eads?|[Ll]eading|[Tt]ops?|[Ww]ins?|[Aa]head)\\b[^.;|]{0,40}?${re.source}`);
    out.push(...each(text, lead, () => ({ attribute: 'benchmark-lead', benchmark: id })));
  }
  return out;
}

/** Where two claims of one attribute overlap, the longer (more specific) stands; of equal ones, the first. */
function dropOverlaps(found: Found[]): Found[] {
  const sorted = [...found].sort((a, b) => a.start - b.start || b.end - a.end);
  const longer = (g: Found, f: Found, j: number, i: number) => g.end - g.start > f.end - f.start || (g.end - g.start === f.end - f.start && j < i);
  return sorted.filter((f, i) => !sorted.some((g, j) => j !== i && sameKind(f, g) && g.start < f.end && f.start < g.end && longer(g, f, j, i)));
}

function sameKind(a: Found, b: Found): boolean {
  const group = (v: ClaimValue) => (v.attribute === 'context' || v.attribute === 'vocab' ? 'tokens' : v.attribute);
  return group(a.value) === group(b.value);
}

/** Patterns for the catalog's GPUs and benchmarks, built once per audit. */
export function namesFrom(catalog: Catalog): { gpus: GpuNames; benchmarks: BenchmarkNames } {
  const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s*');
  const gpuKeys = new Map<string, string>();
  for (const g of catalog.gpus) {
    const key = /\b((?:RTX\s*)?[A-Z]{1,3}\d{2,4}[A-Z]?)\b/.exec(g.name)?.[1];
    if (key && !gpuKeys.has(key.toLowerCase())) gpuKeys.set(key.toLowerCase(), g.id);
  }
  const gpus = [...gpuKeys].map(([key, id]) => ({ re: new RegExp(`${escape(key)}\\b`, 'i'), id }));
  const benchmarks = catalog.benchmarks
    .map((b) => ({ name: b.name.replace(/\s*\(.*\)$/, ''), id: b.id }))
    .sort((a, b) => b.name.length - a.name.length)
    // Case-sensitive: "MATH" the benchmark, not "math" the subject.
    .map(({ name, id }) => ({ re: new RegExp(`\\b${escape(name)}(?![\\w-])`), id }));
  return { gpus, benchmarks };
}
