// HTML escaping: every value from data or from a request goes through here before it reaches a page.

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for element content and quoted attribute values. */
export function esc(value: unknown): string {
  return String(value).replace(/[&<>"']/g, (ch) => ENTITIES[ch] ?? ch);
}

/** A URL safe for href: http(s) only, escaped; anything else becomes "#". */
export function safeUrl(url: string): string {
  return /^https?:\/\//i.test(url) ? esc(url) : '#';
}
