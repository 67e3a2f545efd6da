// The tokens page: measured cost per language as a chart, and a box that counts the reader's own text.
import { formatInt, trim } from '../../format.js';
import { barChart, type Bar } from '../../render/charts/bar.js';
import { esc } from '../../render/escape.js';
import type { PageContext } from '../context.js';
import type { TokensEngine } from '../engines.js';
import { getForm, textArea, textField, valueOf, type FormValues } from '../form.js';
import { paths } from '../paths.js';
import { notice, sitePage, staticNotice } from '../shell.js';

/** The longest text the page form takes (the URL carries it); the JSON API takes larger bodies. */
export const PAGE_TEXT_LIMIT = 4000;

export interface TokensView {
  readonly values: FormValues;
  readonly text?: string;
  readonly languages: readonly string[];
  readonly tokenizers: readonly string[];
  /** Undefined when the tokenizers are not available in this build. */
  readonly engine?: TokensEngine;
  readonly counts?: readonly { readonly tokenizer: string; readonly tokens: number }[];
}

/**
 * The explorer chart and the counting form.
 * @example tokensPage(ctx, { values: {}, languages: [], tokenizers: [] })
 */
export function tokensPage(ctx: PageContext, view: TokensView): string {
  const intro = `<p class="crumbs"><a href="${ctx.href(paths.home)}">Home</a> › Tokens</p><h1>What a language costs in tokens</h1>
<p class="lead-in">The same text costs a different number of tokens in each language and under each tokenizer. Premium = tokens in a language ÷ tokens in English, over the same text.</p>`;
  if (ctx.mode === 'static') {
    return page(ctx, `${intro}${staticNotice('counting', 'versus tokens --text "…"')}`);
  }
  const explorer = view.engine ? chart(view.engine, view) : notice('<p><strong>Not available yet.</strong> The measured cost per language (<code>versus tokens</code>) is not part of this build, so no premium is shown and no text can be counted. Nothing on this page is a placeholder.</p>');
  return page(ctx, `${intro}${explorer}${form(ctx, view.values)}${view.text === undefined ? '' : counted(view)}`);
}

function page(ctx: PageContext, body: string): string {
  return sitePage(ctx, { title: 'Tokens per language', description: 'Measured tokenizer cost per language for open-weight model families, and a counter for your own text.', body, section: 'tokens' });
}

function form(ctx: PageContext, v: FormValues): string {
  return getForm({
    action: ctx.href(paths.tokens),
    label: 'Count your text',
    submit: 'Count tokens',
    fields: [
      textArea({ name: 'text', label: 'Your text', value: valueOf(v, 'text'), maxLength: PAGE_TEXT_LIMIT, hint: `Up to ${formatInt(PAGE_TEXT_LIMIT)} characters; the text is part of the URL, so the result can be shared. Longer texts: POST to the JSON API.` }),
      textField({ name: 'lang', label: 'Languages for the chart', value: valueOf(v, 'lang'), placeholder: 'hin, tam, jpn, amh', hint: 'ISO 639-3 codes, comma-separated.' }),
      textField({ name: 'tokenizer', label: 'Tokenizers', value: valueOf(v, 'tokenizer'), placeholder: 'qwen3.5, llama4', hint: 'Tokenizer ids, comma-separated; empty = all.' }),
    ],
  });
}

function chart(engine: TokensEngine, view: TokensView): string {
  const tokenizers = engine.tokenizers.filter((t) => view.tokenizers.length === 0 || view.tokenizers.includes(t.id));
  const languages = engine.languages.filter((l) => view.languages.length === 0 || view.languages.includes(l.code)).slice(0, 12);
  const bars: Bar[] = languages.flatMap((l) => tokenizers.flatMap((t, i) => {
    const p = l.premiums[t.id];
    return p === null || p === undefined ? [] : [{ label: `${l.name} · ${t.name}${t.proxy ? ' (proxy)' : ''}`, value: p, display: `${trim(p)}×`, series: i }];
  }));
  return bars.length ? barChart({ id: 'chart-premium', title: 'Token premium over English', bars, series: tokenizers.map((t) => t.name + (t.proxy ? ' (proxy)' : '')), note: 'Measured by versus over the Universal Declaration of Human Rights; reproduce with versus tokens --measure.' }) : notice('<p>No measured premium for these languages and tokenizers.</p>');
}

function counted(view: TokensView): string {
  const text = view.text ?? '';
  const size = `${formatInt([...text].length)} characters, ${formatInt(Buffer.byteLength(text))} UTF-8 bytes`;
  if (!view.counts) return `<section aria-labelledby="h-count"><h2 id="h-count">Your text</h2><p>${esc(size)}. Token counts need the tokenizers, which this build does not have.</p></section>`;
  const names = new Map(view.engine?.tokenizers.map((t) => [t.id, t.name + (t.proxy ? ' (proxy)' : '')]));
  const rows = view.counts.map((c) => `<tr><th scope="row">${esc(names.get(c.tokenizer) ?? c.tokenizer)}</th><td class="num">${formatInt(c.tokens)}</td></tr>`);
  return `<section aria-labelledby="h-count"><h2 id="h-count">Your text: ${esc(size)}</h2><div class="table-wrap"><table class="facts"><thead><tr><th scope="col">Tokenizer</th><th scope="col" class="num">Tokens</th></tr></thead><tbody>${rows.join('')}</tbody></table></div>
<p class="meta">Counted by versus with each tokenizer, no special tokens. Reproduce: <code>versus tokens --text "…"</code>.</p></section>`;
}
