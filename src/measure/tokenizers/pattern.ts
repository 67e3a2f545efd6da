// Pre-tokenizer patterns written for Rust/Python regex engines, translated to JavaScript RegExp.

/**
 * Unicode White_Space, which `\s` means in the Rust `regex`/`fancy-regex` and Python `regex`
 * engines the tokenizers use. JavaScript's `\s` differs (it has U+FEFF and lacks U+0085).
 */
const WHITE_SPACE = '\\t-\\r \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';

/** `(?i:'s|'t)` → `(?:'[sS]|'[tT])`: JavaScript (Node 20) has no inline case-insensitive groups. */
function expandCaseless(pattern: string): string {
  return pattern.replace(/\(\?i:([^()[\]\\]*)\)/g, (_m, body: string) =>
    `(?:${body.replace(/[a-zA-Z]/g, (c) => `[${c.toLowerCase()}${c.toUpperCase()}]`)})`);
}

/**
 * Translates a tokenizer's split pattern to an equivalent JavaScript RegExp (flags `gu`):
 * inline `(?i:…)` groups over plain letters are expanded, and `\s`/`\S` become explicit Unicode
 * White_Space classes, inside and outside brackets.
 * @example toJsRegExp(String.raw`\s+(?!\S)`).source // '[\t-\r \u0085…]+(?![^\t-\r \u0085…])'
 * @throws Error for a construct it does not translate (`\S` inside brackets, nested `(?i:`).
 */
export function toJsRegExp(pattern: string): RegExp {
  const src = expandCaseless(pattern);
  if (src.includes('(?i')) throw new Error(`cannot translate the case-insensitive group in ${pattern}`);
  let out = '';
  let inClass = false;
  for (let i = 0; i < src.length; i++) {
    const ch = src[i]!;
    if (ch === '\\') {
      const next = src[i + 1] ?? '';
      i++;
      if (next === 's') out += inClass ? WHITE_SPACE : `[${WHITE_SPACE}]`;
      else if (next === 'S') {
        if (inClass) throw new Error(`cannot translate \\S inside a character class in ${pattern}`);
        out += `[^${WHITE_SPACE}]`;
      } else out += `\\${next}`;
      continue;
    }
    if (ch === '[' && !inClass) inClass = true;
    else if (ch === ']' && inClass) inClass = false;
    out += ch;
  }
  return new RegExp(out, 'gu');
}
