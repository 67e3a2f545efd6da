// An article as audit reads it: plain text lines (HTML and Markdown flattened), split into segments.

/** A table row, or a sentence of prose, with where it stands in the text. */
export interface Segment {
  readonly kind: 'sentence' | 'row';
  readonly text: string;
  /** Offset of the segment's first character in the document text. */
  readonly offset: number;
  /** 1-based line of the document text. */
  readonly line: number;
  /** For rows: the cells, each with its offset in the document text. */
  readonly cells?: readonly { readonly text: string; readonly offset: number }[];
  /** The paragraph (blank-line or line-separated block) the segment belongs to. */
  readonly paragraph: number;
}

export interface Document {
  readonly text: string;
  /** The body's segments; a closing "Further reading" or "References" list is left out. */
  readonly segments: readonly Segment[];
}

/** A heading that opens a list of links, not claims. */
const REFERENCES = /^(?:further reading|references|see also|related (?:reading|articles|posts)|sources)\s*:?$/i;

/** Block-level HTML elements that end a line when flattened to text. */
const BLOCK = /<\/?(?:p|div|br|li|ul|ol|h[1-6]|tr|table|thead|tbody|section|article|header|footer|blockquote|pre|dt|dd)\b[^>]*>/gi;

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', ndash: '–', mdash: '—', hellip: '…', rsquo: '’', lsquo: '‘', ldquo: '“', rdquo: '”' };

/** Decodes the common named and numeric HTML character references. */
function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (all, name: string) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? Number.parseInt(name.slice(2), 16) : Number.parseInt(name.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : all;
    }
    return ENTITIES[name.toLowerCase()] ?? all;
  });
}

/**
 * HTML to text lines: scripts and styles dropped, table rows as Markdown rows ("| a | b |"),
 * block elements as line breaks, entities decoded.
 * @example htmlToText('<table><tr><td>a</td><td>b</td></tr></table>') // '| a | b |'
 */
export function htmlToText(html: string): string {
  return decodeEntities(
    html
      .replace(/<(script|style|noscript|template)\b[\s\S]*?<\/\1\s*>/gi, ' ')
      .replace(/<!--[\s\S]*?-->/g, ' ')
      .replace(/<tr\b[^>]*>/gi, '\n|')
      .replace(/<\/t[dh]\s*>/gi, ' |')
      .replace(/<t[dh]\b[^>]*>/gi, ' ')
      .replace(BLOCK, '\n')
      .replace(/<[^>]*>/g, ''),
  )
    .split('\n')
    .map((l) => l.replace(/[ \t\u00a0]+/g, ' ').trim())
    .filter((l) => l !== '')
    .join('\n');
}

/** Whether a text looks like HTML rather than Markdown or plain text. */
export function looksLikeHtml(text: string): boolean {
  return /<(?:html|body|p|div|table|article|h[1-6])\b/i.test(text.slice(0, 20_000));
}

/**
 * Markdown emphasis, links and heading marks removed; the words stay. A link's text and address are bounded: unbounded,
 * a line of 29,000 "![" made each one read the rest of the line (2 s of one core per request).
 */
function plainMarkdown(line: string): string {
  return line
    .replace(/!\[([^\]]{0,1000})\]\([^)]{0,2000}\)/g, '$1')
    .replace(/\[([^\]]{1,1000})\]\([^)]{0,2000}\)/g, '$1')
    .replace(/(\*\*|__)(.+?)\1/g, '$2')
    .replace(/`([^`]+)`/g, '$1')
    .replace(/^#{1,6}\s+/, '')
    .replace(/^\s*[-*+]\s+/, '');
}

/**
 * Reads an article: HTML is flattened, Markdown marks are removed, and the text is cut into
 * table rows and sentences.
 * @example readDocument('Qwen 3.5 has 201 languages. Llama 4 has 12.').segments.length // 2
 */
export function readDocument(raw: string): Document {
  const source = looksLikeHtml(raw) ? htmlToText(raw) : raw.replace(/\r\n?/g, '\n');
  const lines = source.split('\n').map((l) => (/^\s*\|/.test(l) ? l : plainMarkdown(l)));
  const text = lines.join('\n');
  const segments: Segment[] = [];
  let offset = 0;
  let paragraph = 0;
  let references = false;
  lines.forEach((line, i) => {
    const trimmed = line.trim();
    if (REFERENCES.test(trimmed)) references = true;
    if (references) {
      // links to read on, not statements
    } else if (trimmed === '') paragraph += 1;
    else if (/^\|?\s*:?-{3,}/.test(trimmed)) {
      // a Markdown table's separator row
    } else if (trimmed.startsWith('|')) segments.push(row(line, offset, i + 1, paragraph));
    else {
      segments.push(...sentences(line, offset, i + 1, paragraph));
      paragraph += 1;
    }
    offset += line.length + 1;
  });
  return { text, segments };
}

function row(line: string, offset: number, lineNo: number, paragraph: number): Segment {
  const cells: { text: string; offset: number }[] = [];
  const re = /\|([^|]*)/g;
  for (let m = re.exec(line); m; m = re.exec(line)) {
    const raw = m[1] ?? '';
    const lead = raw.length - raw.trimStart().length;
    const cell = raw.trim();
    if (cell !== '' || re.lastIndex < line.length) cells.push({ text: cell, offset: offset + m.index + 1 + lead });
  }
  while (cells.length > 0 && cells.at(-1)?.text === '') cells.pop();
  return { kind: 'row', text: line, offset, line: lineNo, cells, paragraph };
}

/** Sentence ends: ". " / "! " / "? " before a capital, a digit or a quote; decimals like "3.5" never end one. */
const SENTENCE_END = /[.!?](?=\s+["“(]?[A-Z0-9])/g;

function sentences(line: string, offset: number, lineNo: number, paragraph: number): Segment[] {
  const out: Segment[] = [];
  let start = 0;
  const push = (end: number) => {
    const piece = line.slice(start, end);
    const lead = piece.length - piece.trimStart().length;
    if (piece.trim() !== '') out.push({ kind: 'sentence', text: piece.trim(), offset: offset + start + lead, line: lineNo, paragraph });
  };
  for (let m = SENTENCE_END.exec(line); m; m = SENTENCE_END.exec(line)) {
    push(m.index + 1);
    start = m.index + 1;
  }
  push(line.length);
  return out;
}
