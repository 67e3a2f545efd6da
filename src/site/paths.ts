// Every URL of the site as a path from the site root (no leading slash); pages link to them relatively.
// Pages are folders ("models/x/" is models/x/index.html in a static export), data files end in .json or .csv.

/** The most subjects one comparison takes (the compare form's, the page's and the API's limit). */
export const MAX_SUBJECTS = 8;

const seg = (id: string) => encodeURIComponent(id);
const pair = (ids: readonly string[]) => ids.map(seg).join('-vs-');

export const paths = {
  home: '',
  models: 'models/',
  model: (id: string) => `models/${seg(id)}/`,
  /** `compare/qwen-vs-llama/`; ids may contain "-" and ".", so "-vs-" is the only separator. */
  compare: (ids: readonly string[]) => `compare/${pair(ids)}/`,
  compareForm: 'compare/',
  sources: 'sources/',
  source: (id: string) => `sources/#${seg(id)}`,
  recommend: 'recommend/',
  fit: 'fit/',
  tokens: 'tokens/',
  audit: 'audit/',
  /** Only when the server has a results database (versus serve --runs FILE). */
  runs: 'runs/',
  run: (id: number) => `runs/${id}/`,
  /** What a static host serves for a missing address. */
  notFound: '404.html',
  stylesheet: 'assets/site.css',
  /** A browser script (models, tools). */
  script: (name: string) => `assets/${seg(name)}.js`,
  /** The measured token counts and the ISO 639-3 language table, for the calculators in the browser. */
  measuredTokens: 'assets/measured-tokens.json',
  languages: 'assets/languages.json',
  /** The tokenizers a static copy carries (versus build-site --tokenizers), and each one's compact form. */
  tokenizerIndex: 'assets/tokenizers/index.json',
  tokenizerForm: (id: string) => `assets/tokenizers/${seg(id)}.bin`,
  /** A comparison the static copy did not write as a page: compare/index.html builds it in the browser. */
  compareQuery: (ids: readonly string[]) => `compare/?subjects=${ids.map(seg).join(',')}`,
  icon: 'assets/favicon.svg',
  api: {
    models: 'api/models.json',
    model: (id: string) => `api/models/${seg(id)}.json`,
    compare: (ids: readonly string[]) => `api/compare/${pair(ids)}.json`,
    exportJson: 'api/export.json',
    exportCsv: 'api/export.csv',
    openapi: 'api/openapi.json',
    audit: 'api/audit',
  },
} as const;

/**
 * Splits a comparison path segment into subject ids on "-vs-" (ids never contain it).
 * @example splitPair('qwen3.5-397b-a17b-vs-llama-3.3-70b') // ['qwen3.5-397b-a17b', 'llama-3.3-70b']
 */
export function splitPair(segment: string): string[] {
  return segment.toLowerCase().split('-vs-').map((s) => s.trim());
}

/**
 * Where the static copy's 404.html sends an address it has no page for: a comparison goes to the compare page, which
 * builds it in the browser (relative to the copy's root, so it never leaves the copy); anything else stays a 404.
 * @example forwardTarget('/versus/compare/qwen-vs-gemma/', '/versus/') // 'compare/?subjects=qwen,gemma'
 */
export function forwardTarget(pathname: string, rootPath: string): string | undefined {
  let here: string;
  try {
    here = decodeURIComponent(pathname);
  } catch {
    return undefined; // malformed %-escapes name no comparison
  }
  const match = here.startsWith(rootPath) ? /^compare\/([^/?#\\]+)\/?$/.exec(here.slice(rootPath.length)) : null;
  const ids = match?.[1] ? splitPair(match[1]) : [];
  return ids.length > 0 && ids.every((id) => id !== '') ? paths.compareQuery(ids) : undefined;
}

/**
 * The prefix that leads from a page back to the site root, so links work on any static host and sub-path.
 * @example rootPrefix('/compare/qwen-vs-llama/') // '../../'
 */
export function rootPrefix(pathname: string): string {
  const depth = Math.max(0, pathname.split('/').length - 2);
  return '../'.repeat(depth);
}
