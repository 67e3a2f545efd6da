// Counting the reader's text in the static copy: each carried tokenizer's compact form is fetched when asked for,
// checked against the size and sha256 the copy lists, and run by the encoders `versus tokens --text` runs (forms.ts).
import { formTokenizer } from '../../measure/tokenizers/forms.js';
import type { Tokenizer } from '../../measure/tokenizers/types.js';
import type { CountRow } from '../pages/tokens.js';
import type { CarriedTokenizer, TokenizerIndex } from '../tokenizer-index.js';

const mb = (n: number) => `${(n / 1e6).toFixed(1)} MB`;

/** Tokenizers loaded on this page, so a second count does not fetch them again. */
const loaded = new Map<string, Promise<Tokenizer>>();

/**
 * The text's count under each wanted tokenizer (ids; none = all), with a row saying why for each one the copy does
 * not carry or that could not be loaded. `say` gets progress in words.
 * @example await countInBrowser(index, [], 'Hello', siteRoot, console.log) // [{ tokenizer: 'qwen3.5', name: 'Qwen 3.5', tokens: 1 }, …]
 */
export async function countInBrowser(index: TokenizerIndex, wanted: readonly string[], text: string, root: URL, say: (message: string) => void): Promise<CountRow[]> {
  const known = [...index.tokenizers, ...index.missing].map((t) => t.id);
  const unknown = wanted.filter((id) => !known.includes(id));
  if (unknown.length) throw new Error(`Unknown tokenizer "${unknown[0]}"; this copy knows ${known.join(', ')}.`);
  const pick = <T extends { id: string }>(list: readonly T[]) => list.filter((t) => wanted.length === 0 || wanted.includes(t.id));
  const carried = pick(index.tokenizers);
  const rows: CountRow[] = [];
  for (const [i, t] of carried.entries()) {
    try {
      const tok = await (loaded.get(t.id) ?? load(t, root, (done) => say(`Loading ${t.label} (${i + 1} of ${carried.length}): ${mb(done)} of ${mb(t.bytes)}…`)));
      loaded.set(t.id, Promise.resolve(tok));
      say(`Counting with ${t.label}…`);
      // Give the page a frame between tokenizers, so progress shows and nothing feels stuck.
      await new Promise((r) => setTimeout(r, 0));
      rows.push({ tokenizer: t.id, name: t.label, tokens: tok.count(text) });
    } catch (error) {
      rows.push({ tokenizer: t.id, name: t.label, missing: `it could not be loaded: ${error instanceof Error ? error.message : String(error)}` });
    }
  }
  return [...rows, ...pick(index.missing).map((m) => ({ tokenizer: m.id, name: m.label, missing: 'not in this copy (see "Not in this copy" below)' }))];
}

/** Fetches a carried form (reporting bytes as they arrive), checks its size and sha256, and reads it. */
async function load(t: CarriedTokenizer, root: URL, progress: (done: number) => void): Promise<Tokenizer> {
  const res = await fetch(new URL(t.path, root));
  if (!res.ok || !res.body) throw new Error(`${t.path} did not load from this copy of the site (HTTP ${res.status})`);
  const bytes = new Uint8Array(t.bytes);
  let at = 0;
  let shown = 0;
  const reader = res.body.getReader();
  for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
    if (at + chunk.value.byteLength > t.bytes) {
      await reader.cancel();
      throw new Error(`${t.path} is larger than the ${t.bytes.toLocaleString('en-US')} bytes this copy lists; rebuild the copy`);
    }
    bytes.set(chunk.value, at);
    at += chunk.value.byteLength;
    if (Date.now() - shown > 100) {
      shown = Date.now();
      progress(at);
    }
  }
  if (at !== t.bytes) throw new Error(`${t.path} has ${at.toLocaleString('en-US')} bytes, not the ${t.bytes.toLocaleString('en-US')} this copy lists; rebuild the copy`);
  // crypto.subtle exists only in secure contexts: HTTPS, or localhost.
  if (!globalThis.crypto?.subtle) throw new Error('this browser checks a tokenizer\'s sha256 only on pages served over HTTPS (or from localhost), and this copy is not, so nothing was run');
  const sha = [...new Uint8Array(await crypto.subtle.digest('SHA-256', bytes))].map((b) => b.toString(16).padStart(2, '0')).join('');
  if (sha !== t.sha256) throw new Error(`${t.path} is not the file this copy was built with (sha256 ${sha.slice(0, 12)}…, expected ${t.sha256.slice(0, 12)}…)`);
  const tok = formTokenizer(t.id, bytes, t.of);
  if (!tok) throw new Error(`${t.path} is not a compact form of ${t.label}`);
  return tok;
}
