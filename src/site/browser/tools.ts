// The static copy's calculators in the browser: Recommend, Fit, Tokens, Audit and any comparison run the same engines
// and page renderers as the server, over the exported catalog JSON, and replace the page's main content with the result.
// Without JavaScript the pages show their forms and say what the CLI offers instead.
import { audit } from '../../audit/index.js';
import { createCatalog, type Catalog, type CatalogData } from '../../catalog/catalog.js';
import { resolverFor, type Language, type LanguageResolver } from '../../catalog/languages.js';
import { compare } from '../../compare/comparison.js';
import { resolveSubjects } from '../../compare/subjects.js';
import { parseTokenResults, premiumTable, type TokenResults } from '../../measure/tokens/measured.js';
import { safeDecode } from '../../server/guard.js';
import { AuditBody, CompareQuery, FitQuerySchema, recommendQuery, resolveFit, TokensQuery, validate } from '../../server/query.js';
import { fitForSite, recommendForSite } from '../calculators.js';
import { createSite, pageContext, type PageContext } from '../context.js';
import { auditPage } from '../pages/audit.js';
import { comparePage } from '../pages/compare.js';
import { fitPage } from '../pages/fit.js';
import { recommendPage } from '../pages/recommend.js';
import { tokensPage } from '../pages/tokens.js';
import { forwardTarget, paths } from '../paths.js';
import type { TokenizerIndex } from '../tokenizer-index.js';
import { countInBrowser } from './count.js';
import { formValues } from './dom.js';

/** The site's root: this script is its assets/tools.js, so this works from any folder the copy is served from. */
const root = new URL('../', import.meta.url);

const once = <T>(load: () => Promise<T>) => {
  let loaded: Promise<T> | undefined;
  return () => (loaded ??= load());
};

async function fetchJson(path: string): Promise<unknown> {
  const res = await fetch(new URL(path, root));
  if (!res.ok) throw new Error(`Could not load ${path} from this copy of the site (HTTP ${res.status}).`);
  return res.json();
}

const catalog = once(async () => {
  const { version: _v, generator: _g, asOf: _a, ...data } = (await fetchJson(paths.api.exportJson)) as CatalogData & { version: number; generator: string; asOf: string };
  return createCatalog(data);
});
// A copy without measurements still ranks and compares, on official language counts only (as the CLI does).
const measured = once(async (): Promise<TokenResults | undefined> => {
  try {
    return parseTokenResults(JSON.stringify(await fetchJson(paths.measuredTokens)), paths.measuredTokens);
  } catch {
    return undefined;
  }
});
// Only a copy built with --tokenizers has the index; its Tokens form then has a text box (so no request can 404).
const tokenizerIndex = once(async (): Promise<TokenizerIndex | undefined> =>
  (document.querySelector('main textarea[name=text]') ? (await fetchJson(paths.tokenizerIndex)) as TokenizerIndex : undefined));
const languages = once(async (): Promise<LanguageResolver> => resolverFor((await fetchJson(paths.languages)) as Language[]));

/** The context of the page at `path` (from the site root), for the renderers' relative links. */
async function contextAt(path: string): Promise<PageContext> {
  return pageContext(createSite(await catalog(), 'static', new Date()), `/${path}`);
}

/** Replaces the page's main content with that of a rendered page (its links are relative to the same folder). */
function show(html: string): void {
  const next = new DOMParser().parseFromString(html, 'text/html');
  const main = next.querySelector('main');
  if (!main) return;
  document.querySelector('main')?.replaceWith(document.adoptNode(main));
  document.title = next.title;
}

/** A message in the page, above its form: progress while computing, or what went wrong. */
function say(message: string, kind: 'status' | 'error'): void {
  document.querySelector('#browser-status')?.remove();
  const box = document.createElement('div');
  box.id = 'browser-status';
  box.className = kind === 'error' ? 'notice error' : 'notice';
  box.setAttribute('role', kind === 'error' ? 'alert' : 'status');
  const p = document.createElement('p');
  p.textContent = message;
  box.append(p);
  const main = document.querySelector('main');
  const before = main?.querySelector('form.panel');
  if (before) before.before(box);
  else main?.append(box);
}

const query = () => formValues(new URLSearchParams(location.search));

const PAGES: Readonly<Record<string, () => Promise<void>>> = {
  async recommend() {
    const values = query();
    if (Object.keys(values).length === 0) return;
    say('Ranking the models in your browser…', 'status');
    const [cat, tokens, langs] = await Promise.all([catalog(), measured(), languages()]);
    const q = recommendQuery(cat, values);
    const result = await recommendForSite(cat, q, tokens, langs);
    show(recommendPage(await contextAt(paths.recommend), { values, query: q, result }));
  },
  async fit() {
    const values = query();
    if (Object.keys(values).length === 0) return;
    say('Computing in your browser…', 'status');
    const cat = await catalog();
    const q = resolveFit(cat, validate(FitQuerySchema, values));
    const report = fitForSite(cat, q);
    show(fitPage(await contextAt(paths.fit), { values, query: q, report }));
  },
  async tokens() {
    const values = query();
    if (Object.keys(values).length === 0) return;
    const q = validate(TokensQuery, values);
    const [tokens, index] = await Promise.all([measured(), tokenizerIndex()]);
    const counts = q.text !== undefined && index && index.tokenizers.length > 0 ? await countInBrowser(index, q.tokenizer, q.text, root, (m) => say(m, 'status')) : undefined;
    show(tokensPage(await contextAt(paths.tokens), {
      values, languages: q.lang, tokenizers: q.tokenizer, ...(tokens ? { table: premiumTable(tokens) } : {}), ...(index ? { browser: index } : {}),
      ...(q.text !== undefined ? { text: q.text } : {}), ...(counts ? { counts } : {}),
    }));
  },
  async audit() {
    bindAudit();
  },
  async compare() {
    const values = query();
    if (Object.keys(values).length === 0) return;
    say('Building the comparison in your browser…', 'status');
    const [cat, tokens] = await Promise.all([catalog(), measured()]);
    const ids = validate(CompareQuery, values);
    const comparison = compare(cat, resolveSubjects(cat, ids), tokens ? { tokens } : {});
    show(comparePage(await contextAt(paths.compareForm), comparison));
    // The form's empty optional fields leave "subjects=" in the address: share the short form instead.
    history.replaceState(null, '', new URL(paths.compareQuery(ids), root).href + location.hash);
    // The report links its citations by fragment; follow one the address already has.
    // A malformed fragment (#%E0) names no citation; it must not turn the comparison into an error.
    if (location.hash) document.getElementById(safeDecode(location.hash.slice(1)))?.scrollIntoView();
  },
  // 404.html: a comparison address this copy has no page for goes to the page that builds it.
  async 'not-found'() {
    const target = forwardTarget(location.pathname, root.pathname);
    if (target) location.replace(new URL(target, root));
  },
};

/** The audit form posts to a server; here it audits in the page instead, and binds itself again on the new form. */
function bindAudit(): void {
  const form = document.querySelector<HTMLFormElement>('main form.panel');
  form?.addEventListener('submit', (event) => {
    event.preventDefault();
    const text = String(new FormData(form).get('text') ?? '');
    void run(async () => {
      say('Checking the claims in your browser…', 'status');
      const cat: Catalog = await catalog();
      const body = validate(AuditBody, { text });
      show(auditPage(await contextAt(paths.audit), { text: body.text, result: audit(cat, body.text, 'the pasted text') }));
      bindAudit();
      document.querySelector('main section, main table')?.scrollIntoView();
    });
  });
}

async function run(task: () => Promise<void>): Promise<void> {
  try {
    await task();
  } catch (error) {
    say(error instanceof Error ? error.message : String(error), 'error');
  }
}

const page = document.querySelector<HTMLScriptElement>('script[data-page]')?.dataset.page ?? '';
const task = PAGES[page];
if (task) void run(task);
