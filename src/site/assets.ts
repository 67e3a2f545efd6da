// The site's static assets: one stylesheet (the report's styles plus the site's) and an icon. Pure, so pages render
// alike on the server and in the browser.
import { STYLES } from '../render/layout.js';

const SITE_STYLES = `
.skip{position:absolute;left:-100vw;top:.5rem;background:var(--bg);padding:.5rem 1rem;border:2px solid var(--accent);z-index:10}
.skip:focus{left:.5rem}
:focus-visible{outline:3px solid #bf8700;outline-offset:2px}
header.site nav{display:flex;flex-wrap:wrap;gap:.25rem 1.1rem;align-items:baseline;max-width:72rem;margin:0 auto}
header.site nav a{margin:0;padding:.2rem 0}
header.site nav a[aria-current=page]{text-decoration:underline;text-decoration-thickness:2px;text-underline-offset:.35em}
header.site .brand{font-size:1.2rem;margin-right:.5rem}
footer.site p{max-width:72rem;margin:.25rem auto}
.lead-in{font-size:1.1rem;color:var(--muted);max-width:48rem}
.crumbs{font-size:.9rem;color:var(--muted);margin:.25rem 0 0}
form.panel{border:1px solid var(--line);border-radius:6px;padding:1rem;background:var(--soft);margin:1rem 0}
.fields{display:grid;gap:.9rem 1rem;grid-template-columns:repeat(auto-fit,minmax(13rem,1fr));margin-bottom:1rem}
.field label,.field legend{display:block;font-weight:600;font-size:.9rem;margin-bottom:.2rem;padding:0}
.field fieldset{border:0;padding:0;margin:0}
details.more{margin:0 0 1rem}
details.more summary{cursor:pointer;font-weight:600;color:var(--accent);margin-bottom:.75rem}
[hidden]{display:none!important}
button:disabled{background:#8c99ad;cursor:not-allowed}
.pick{margin:0 0 .75rem;display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:center;position:sticky;bottom:0;background:var(--bg);padding:.6rem 0;border-top:1px solid var(--line)}
table.models th[scope=row] input{margin-right:.35rem}
.field .hint{display:block;color:var(--muted);font-size:.8rem;margin-top:.15rem}
.field.wide{grid-column:1/-1}
.checks label{display:inline-flex;gap:.3rem;align-items:center;font-weight:400;margin-right:1rem}
input,select,textarea,button{font:inherit;color:var(--fg)}
input[type=text],input[type=number],select,textarea{width:100%;padding:.4rem .5rem;border:1px solid #6e7781;border-radius:4px;background:var(--bg)}
textarea{min-height:8rem;resize:vertical}
button{padding:.5rem 1.2rem;border:0;border-radius:4px;background:var(--accent);color:#fff;font-weight:600;cursor:pointer}
button:hover{background:#084298}
.notice{border-left:4px solid #bf8700;background:#fff8c5;padding:.75rem 1rem;border-radius:4px;margin:1rem 0}
.notice.error{border-left-color:#cf222e;background:#ffebe9}
.notice p{margin:.3rem 0}
.cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(15rem,1fr));gap:1rem;padding:0;list-style:none}
.cards>li{border:1px solid var(--line);border-radius:6px;padding:.75rem 1rem}
.cards h3{margin:0 0 .25rem;font-size:1.1rem}
.cards p{margin:.25rem 0}
ul.plain{list-style:none;padding:0}
ul.plain li{margin:.35rem 0}
.pairs{columns:2 16rem;padding-left:1.2rem}
.pairs li{margin:.2rem 0}
figure.chart{margin:1.5rem 0;max-width:36rem}
figure.chart figcaption{font-weight:600;margin-bottom:.35rem}
figure.chart a text{fill:var(--accent);text-decoration:underline}
.charts{display:grid;grid-template-columns:repeat(auto-fit,minmax(18rem,1fr));gap:0 2rem}
table.facts{min-width:0}
table.facts th[scope=row]{width:12rem}
.source-index>li{margin:.9rem 0;overflow-wrap:anywhere}
.source-index .cited{margin:.25rem 0 0;padding-left:1.2rem;font-size:.9rem;color:var(--muted)}
.source-index .cited li{margin:.1rem 0}
.source-index .path{color:var(--fg);font-weight:600}
.num{text-align:right;font-variant-numeric:tabular-nums}
.actions{display:flex;flex-wrap:wrap;gap:.5rem 1.25rem;font-size:.95rem;margin:.5rem 0 1rem}
@media (max-width:40rem){table.facts th[scope=row]{width:7rem}main{padding:.75rem}
table.report,table.stack{min-width:0}:is(table.report,table.stack) thead{display:none}:is(table.report,table.stack) tr{display:block;border-bottom:2px solid var(--line)}
:is(table.report,table.stack) th[scope=row]{display:block;width:auto;background:var(--soft);border-bottom:0}
:is(table.report,table.stack) td{display:block;border-bottom:0;padding-top:.25rem;text-align:left}
table.models tr{display:grid;grid-template-columns:1fr 1fr}table.models th[scope=row]{grid-column:1/-1}
:is(table.report,table.stack) td:empty{display:none}
:is(table.report,table.stack) td::before{content:attr(data-label);display:block;font-size:.8rem;font-weight:700;color:var(--muted)}}
`;

/** The site's one stylesheet. */
export const SITE_CSS = `${STYLES.trim()}\n${SITE_STYLES.trim()}\n`;

/** A small "vs" mark; an icon link stops browsers asking for /favicon.ico. */
export const FAVICON_SVG = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="6" fill="#0a58ca"/><text x="16" y="21.5" font-family="sans-serif" font-size="14" font-weight="700" text-anchor="middle" fill="#fff">vs</text></svg>\n`;

/** Content hash for cache-busting asset URLs: `assets/site.css?v=<hash>`. */
export const ASSET_VERSION = contentHash(SITE_CSS + FAVICON_SVG);

/**
 * A short hash of a text for cache-busting (64-bit FNV-1a over its UTF-16 code units, as 16 hex digits): not
 * cryptographic, only different whenever the text is.
 * @example contentHash('') // 'cbf29ce484222325'
 */
export function contentHash(text: string): string {
  let h = 0xcbf29ce484222325n;
  for (let i = 0; i < text.length; i++) h = ((h ^ BigInt(text.charCodeAt(i))) * 0x100000001b3n) & 0xffffffffffffffffn;
  return h.toString(16).padStart(16, '0');
}
