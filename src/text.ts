// Text people give versus to count or check: it must be Unicode text, not a half of a UTF-16 surrogate pair.

/**
 * The index of the first lone surrogate in `text` (a high one without its low one, or the reverse), or -1. Such a
 * string is not text: a UTF-8 encoder writes U+FFFD for it, so a count over it would count something else.
 * @example loneSurrogate('a\ud800b') // 1
 */
export function loneSurrogate(text: string): number {
  const m = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.exec(text);
  return m ? m.index : -1;
}

/**
 * Why `text` is not well-formed Unicode, for an error message, or undefined when it is.
 * @example notText('a\udfff') // 'has a lone surrogate (U+DFFF) at character 2'
 */
export function notText(text: string): string | undefined {
  const at = loneSurrogate(text);
  return at < 0 ? undefined : `has a lone surrogate (U+${text.charCodeAt(at).toString(16).toUpperCase()}) at character ${at + 1}`;
}
