// The tokens page: measured cost per language as a chart, and a box that counts the reader's own text.
import { formatBytes, formatInt } from '../../format.js';
import { DEFAULT_LANGUAGES, type PremiumTable } from '../../measure/tokens/measured.js';
import { premiumChart } from '../../render/charts/premium.js';
import { esc } from '../../render/escape.js';
import type { PageContext } from '../context.js';
import type { TokensEngine } from '../engines.js';
import { getForm, textArea, textField, valueOf, type FormValues } from '../form.js';
import { paths } from '../paths.js';
import type { TokenizerIndex } from '../tokenizer-index.js';
import { notice, sitePage, staticScript } from '../shell.js';

/** The longest text the page form takes (the URL carries it); the JSON API takes larger bodies. */
export const PAGE_TEXT_LIMIT = 4000;

export interface TokensView {
  readonly values: FormValues;
  readonly text?: string;
  readonly languages: readonly string[];
  readonly tokenizers: readonly string[];
  /** Undefined when the tokenizers are not available in this build. */
  readonly engine?: TokensEngine;
  /** The measured premiums without the tokenizers: what the static copy charts. */
  readonly table?: PremiumTable;
  /** The text's count per tokenizer (with `text`); undefined when nothing could count it. */
  readonly counts?: readonly CountRow[];
  /** Static copy: the tokenizers it carries for the browser (undefined: built without them). */
  readonly browser?: TokenizerIndex;
}

/** One tokenizer's count of the reader's text, or why it has none. */
export interface CountRow {
  readonly tokenizer: string;
  /** Display name: `Llama 4`. */
  readonly name: string;
  readonly tokens?: number;
  /** Why it was not counted, in words (with what to do about it). */
  readonly missing?: string;
}

/**
 * The explorer chart and the counting form.
 * @example tokensPage(ctx, { values: {}, languages: [], tokenizers: [] })
 */
export function tokensPage(ctx: PageContext, view: TokensView): string {
  const intro = `<p class="crumbs"><a href="${ctx.href(paths.home)}">Home</a> › Tokens</p><h1>What a language costs in tokens</h1>
<p class="lead-in">The same text costs a different number of tokens in each language and under each tokenizer. Premium = tokens in a language ÷ tokens in English, over the same text.</p>`;
  const table = view.engine ?? view.table;
  if (ctx.mode === 'static') {
    const counting = (view.browser?.tokenizers.length ?? 0) > 0;
    const yours = view.text === undefined ? '' : counted(view);
    return page(ctx, `${intro}${yours}${carriedNote(view.browser)}${form(ctx, view.values, counting)}${table ? chart(table, view) : ''}`, true);
  }
  const explorer = table ? chart(table, view) : notice('<p><strong>Not available yet.</strong> The measured cost per language (<code>versus tokens</code>) is not part of this build, so no premium is shown and no text can be counted. Nothing on this page is a placeholder.</p>');
  // A counted text comes first: it is what the reader just asked for.
  return page(ctx, `${intro}${view.text === undefined ? '' : counted(view)}${form(ctx, view.values, true)}${explorer}`, false);
}

function page(ctx: PageContext, body: string, enhanced: boolean): string {
  return sitePage(ctx, { title: 'Tokens per language', description: 'Measured tokenizer cost per language for open-weight model families, and a counter for your own text.', body, section: 'tokens', ...(enhanced ? staticScript(ctx) : {}) });
}

function form(ctx: PageContext, v: FormValues, counting: boolean): string {
  return getForm({
    action: ctx.href(paths.tokens),
    label: counting ? 'Count your text' : 'Choose languages and tokenizers',
    submit: counting ? 'Count tokens' : 'Show',
    fields: [
      ...(counting ? [textArea({ name: 'text', label: 'Your text', value: valueOf(v, 'text'), maxLength: PAGE_TEXT_LIMIT, hint: `Up to ${formatInt(PAGE_TEXT_LIMIT)} characters; the text is part of the URL, so the result can be shared. Longer texts: POST to the JSON API.` })] : []),
      textField({ name: 'lang', label: 'Languages for the chart', value: valueOf(v, 'lang'), placeholder: 'hin, tam, jpn, amh', hint: 'ISO 639-3 codes, comma-separated.' }),
      textField({ name: 'tokenizer', label: 'Tokenizers', value: valueOf(v, 'tokenizer'), placeholder: 'qwen3.5, llama4', hint: 'Tokenizer ids, comma-separated; empty = all.' }),
    ],
  });
}

function chart(engine: PremiumTable, view: TokensView): string {
  const tokenizers = engine.tokenizers.filter((t) => view.tokenizers.length === 0 || view.tokenizers.includes(t.id));
  const wanted = view.languages.length > 0 ? view.languages : DEFAULT_LANGUAGES;
  const languages = wanted.flatMap((code) => engine.languages.find((l) => l.code === code) ?? []).slice(0, 24);
  if (tokenizers.length === 0 || languages.length === 0) return notice('<p>No measured premium for these languages and tokenizers.</p>');
  const svg = premiumChart({
    id: 'chart-premium',
    title: `Token premium over English, by tokenizer${view.languages.length > 0 ? '' : ' (one language per major script)'}`,
    languages: languages.map((l) => ({ code: l.code, name: l.name })),
    series: tokenizers.map((t) => ({ label: t.name, proxy: t.proxy, values: languages.map((l) => l.premiums[t.id] ?? undefined) })),
  });
  return `<section aria-labelledby="h-premium"><h2 id="h-premium">Measured premium per language</h2><figure>${svg}<figcaption class="meta">Measured by versus over the Universal Declaration of Human Rights (markup removed, NFC), no special tokens; reproduce with <code>versus tokens --lang ${esc(languages.map((l) => l.code).join(','))}</code>. Choose languages below (UDHR codes such as hin, cmn_hans, amh).</figcaption></figure></section>`;
}

/**
 * What the static copy's Tokens page says about counting: which tokenizers it carries and which not (with what would
 * add them), or that it was built without any; and what to run when JavaScript is off.
 */
function carriedNote(index: TokenizerIndex | undefined): string {
  const cli = '<code>versus tokens --text "…"</code> (or <code>--file</code>) counts with every tokenizer, and <code>npx versus serve</code> serves this page with a counter';
  if (!index || index.tokenizers.length === 0) {
    return notice(`<p>This static copy charts the measured premiums for any languages and tokenizers you choose. It was built without tokenizers, so it cannot count your own text: build it with <code>versus build-site DIR --tokenizers</code> and this page counts in your browser. Meanwhile ${cli}.</p>${index ? missingList(index) : ''}`);
  }
  const size = formatBytes(index.tokenizers.reduce((n, t) => n + t.bytes, 0));
  return `${notice(`<p>Your text is counted in your browser, by the same encoders as <code>versus tokens --text</code>, with ${index.tokenizers.length === 1 ? 'the one tokenizer' : `the ${formatInt(index.tokenizers.length)} tokenizers`} this copy carries (${esc(index.tokenizers.map((t) => t.label).join(', '))}; ${esc(size)} in all). Each one is downloaded only when you count, and checked against its sha256 before it runs; your text never leaves the page.</p>${missingList(index)}`)}
<noscript>${notice(`<p>Counting in the browser needs JavaScript, which is off here. ${cli}.</p>`)}</noscript>`;
}

function missingList(index: TokenizerIndex): string {
  if (index.missing.length === 0) return '';
  return `<p>Not in this copy:</p><ul>${index.missing.map((m) => `<li><strong>${esc(m.label)}</strong>: ${esc(m.why)}</li>`).join('')}</ul>`;
}

function counted(view: TokensView): string {
  const text = view.text ?? '';
  const size = `${formatInt([...text].length)} characters, ${formatInt(new TextEncoder().encode(text).byteLength)} UTF-8 bytes`;
  if (!view.counts) return `<section aria-labelledby="h-count"><h2 id="h-count">Your text</h2><p>${esc(size)}. Token counts need the tokenizers, which this build does not have.</p></section>`;
  const rows = view.counts.map((c) => `<tr><th scope="row">${esc(c.name)}</th>${c.tokens === undefined ? `<td class="unknown">not counted: ${esc(c.missing ?? 'unavailable')}</td>` : `<td class="num">${formatInt(c.tokens)}</td>`}</tr>`);
  return `<section aria-labelledby="h-count"><h2 id="h-count">Your text: ${esc(size)}</h2><div class="table-wrap"><table class="facts"><thead><tr><th scope="col">Tokenizer</th><th scope="col" class="num">Tokens</th></tr></thead><tbody>${rows.join('')}</tbody></table></div>
<p class="meta">Counted by versus with each tokenizer, no special tokens${view.browser ? ', in your browser' : ''}. Reproduce: <code>versus tokens --text "…"</code>.</p></section>`;
}
