// Plain text from one UDHR declaration file: markup removed, entities decoded, whitespace normalized, NFC.

/**
 * The block elements whose text is kept, in document order: the title (h1), headings (h2) and
 * paragraphs and list items (p, li). `<head>` (whose <title> is the language's English name) is
 * skipped: only what is inside <body> counts.
 */
const BLOCK = /<(h1|h2|p|li)(?:\s[^>]*)?>([\s\S]*?)<\/\1\s*>/g;
const TAG = /<[^>]*>/g;
const ENTITY = /&(#x[0-9a-f]+|#[0-9]+|amp|lt|gt|quot|apos|nbsp);/gi;
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

function decodeEntity(_match: string, body: string): string {
  const lower = body.toLowerCase();
  if (lower.startsWith('#x')) return String.fromCodePoint(Number.parseInt(lower.slice(2), 16));
  if (lower.startsWith('#')) return String.fromCodePoint(Number.parseInt(lower.slice(1), 10));
  return NAMED[lower] ?? _match;
}

/**
 * One block's text: inner tags dropped, entities decoded, every run of HTML white space
 * (space, tab, CR, LF, form feed) collapsed to one U+0020 SPACE and the ends trimmed, as a
 * browser renders it. Other spaces (no-break, ideographic, thin) are text and stay as they are.
 * @example blockText(' a <b>x</b>\n  &#x26; b ') // 'a x & b'
 */
export function blockText(html: string): string {
  return html.replace(TAG, '').replace(ENTITY, decodeEntity).replace(/[ \t\n\r\f]+/g, ' ').replace(/^ | $/g, '');
}

/**
 * The text of a declaration: every non-empty h1/h2/p/li block of <body>, one block per line
 * (joined with "\n", no trailing newline), normalized to Unicode NFC.
 * @example extractText('<body><h1>Title</h1><p>One  two</p></body>') // 'Title\nOne two'
 */
export function extractText(html: string): string {
  const start = html.search(/<body[\s>]/i);
  const body = start < 0 ? html : html.slice(start);
  const blocks: string[] = [];
  for (const m of body.matchAll(BLOCK)) {
    const text = blockText(m[2] ?? '');
    if (text) blocks.push(text);
  }
  return blocks.join('\n').normalize('NFC');
}

/** How many `<article>` elements (UDHR articles, 30 in a complete text) the file has. */
export function countArticles(html: string): number {
  return html.match(/<article[\s>]/gi)?.length ?? 0;
}

/**
 * Whitespace-separated words that contain a letter or a digit.
 * @example countWords('All human beings — are born.') // 5
 */
export function countWords(text: string): number {
  let n = 0;
  for (const w of text.split(/\s+/u)) if (/[\p{L}\p{N}]/u.test(w)) n++;
  return n;
}
