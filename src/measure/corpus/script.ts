// The writing system of a text: the ISO 15924 code of the script most of its letters are in.

/** ISO 15924 code → Unicode Script property value (as JavaScript's \p{Script=…} spells it). */
export const SCRIPTS: Readonly<Record<string, string>> = {
  Latn: 'Latin', Cyrl: 'Cyrillic', Grek: 'Greek', Armn: 'Armenian', Geor: 'Georgian',
  Arab: 'Arabic', Hebr: 'Hebrew', Syrc: 'Syriac', Thaa: 'Thaana', Nkoo: 'Nko', Adlm: 'Adlam',
  Deva: 'Devanagari', Beng: 'Bengali', Guru: 'Gurmukhi', Gujr: 'Gujarati', Orya: 'Oriya',
  Taml: 'Tamil', Telu: 'Telugu', Knda: 'Kannada', Mlym: 'Malayalam', Sinh: 'Sinhala', Gran: 'Grantha',
  Olck: 'Ol_Chiki', Thai: 'Thai', Laoo: 'Lao', Khmr: 'Khmer', Mymr: 'Myanmar', Tibt: 'Tibetan',
  Lana: 'Tai_Tham', Tavt: 'Tai_Viet', Cakm: 'Chakma', Java: 'Javanese', Bali: 'Balinese', Bugi: 'Buginese', Tglg: 'Tagalog',
  Ethi: 'Ethiopic', Tfng: 'Tifinagh', Vaii: 'Vai', Cher: 'Cherokee', Cans: 'Canadian_Aboriginal',
  Mong: 'Mongolian', Yiii: 'Yi', Hang: 'Hangul', Hani: 'Han', Hira: 'Hiragana', Kana: 'Katakana',
};

const TESTS = Object.entries(SCRIPTS).map(([code, name]) => [code, new RegExp(`^\\p{Script=${name}}$`, 'u')] as const);

function scriptOf(ch: string): string {
  for (const [code, re] of TESTS) if (re.test(ch)) return code;
  return 'Zyyy'; // any other script: counted, but never the answer while a listed script has letters
}

/**
 * The ISO 15924 code of the script most letters are in. Japanese (Han with at least 10% kana)
 * is `Jpan`; Korean (Hangul with Han) stays `Hang`. Each distinct letter is classified once.
 * @example dominantScript('नमस्ते दुनिया hi') // 'Deva' (7 Devanagari letters, 2 Latin)
 */
export function dominantScript(text: string): string {
  const letters = new Map<string, number>();
  for (const m of text.matchAll(/\p{L}/gu)) letters.set(m[0], (letters.get(m[0]) ?? 0) + 1);
  const counts = new Map<string, number>();
  for (const [ch, n] of letters) {
    const s = scriptOf(ch);
    counts.set(s, (counts.get(s) ?? 0) + n);
  }
  const total = [...counts.values()].reduce((a, b) => a + b, 0);
  const kana = (counts.get('Hira') ?? 0) + (counts.get('Kana') ?? 0);
  if (total > 0 && kana / total >= 0.1 && (counts.get('Hani') ?? 0) > 0) return 'Jpan';
  counts.delete('Zyyy');
  const best = [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0];
  return best?.[0] ?? 'Zyyy';
}
