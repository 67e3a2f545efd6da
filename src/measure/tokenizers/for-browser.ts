// The tokenizers a static copy carries (versus build-site --tokenizers): each one's compact form, checked to run, with its sha256.
import { createHash } from 'node:crypto';
import type { TokenizerFile } from '../../catalog/schema.js';
import { paths } from '../../site/paths.js';
import type { BrowserTokenizers, CarriedTokenizer, MissingTokenizer } from '../../site/tokenizer-index.js';
import type { TokenizerFiles } from './files.js';
import { formTokenizer } from './forms.js';
import type { TokenizerSpec } from './registry.js';
import { explainForCopy, provideAll, type FileProblem, type ProvideOptions } from './vendor.js';

/**
 * The compact forms of `specs` for a static copy: the vendor files are made available as `versus tokens --text` does
 * (the cache, downloads, or --tokenizer-dir), each form is the one the CLI runs, and it must load here before it is
 * carried. Returns the forms and index, and the file problems (with the builder's paths) to report on stderr.
 * @example const { tokenizers } = await browserTokenizers(TOKENIZERS, files, (id) => catalog.tokenizer.get(id)?.files, { env })
 */
export async function browserTokenizers(specs: readonly TokenizerSpec[], files: TokenizerFiles, listed: (id: string) => readonly TokenizerFile[] | undefined, o: ProvideOptions): Promise<{ tokenizers: BrowserTokenizers; problems: Map<string, FileProblem[]> }> {
  const problems = await provideAll(files, specs, listed, o);
  const carried: CarriedTokenizer[] = [];
  const missing: MissingTokenizer[] = [];
  const forms = new Map<string, Uint8Array>();
  for (const spec of specs) {
    const absent = problems.get(spec.id);
    if (absent) {
      missing.push({ id: spec.id, label: spec.label, why: absent.map((p) => explainForCopy(p.file)).join(' ') });
      continue;
    }
    const { bytes, of } = await spec.compact(files);
    if (!formTokenizer(spec.id, bytes, of)) {
      missing.push({ id: spec.id, label: spec.label, why: `Its file uses something versus's own encoders do not run, so only "versus tokens --text" (which falls back to @lenml/tokenizers) counts with it.` });
      continue;
    }
    forms.set(spec.id, bytes);
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    carried.push({ id: spec.id, label: spec.label, path: paths.tokenizerForm(spec.id), bytes: bytes.byteLength, sha256, of, source: spec.source(files) });
  }
  return { tokenizers: { index: { version: 1, tokenizers: carried, missing }, forms }, problems };
}
