// GPT-2's byte-level alphabet: each byte as one printable character, as byte-level BPE vocabularies spell tokens.
/**
 * `BYTE_ORDER[i]` is the byte whose character comes i-th: printable bytes 33–126, 161–172,
 * 174–255 first, then the rest (0–32, 127–160, 173) mapped to U+0100 upwards. In GPT-2-style
 * vocabularies (Qwen) the 256 single-byte tokens have ids in this order: "!" (0x21) is id 0.
 */
export const BYTE_ORDER: readonly number[] = (() => {
  const printable = (b: number) => (b >= 33 && b <= 126) || (b >= 161 && b <= 172) || (b >= 174 && b <= 255);
  const order = [...Array(256).keys()].filter(printable);
  for (let b = 0; b < 256; b++) if (!printable(b)) order.push(b);
  return order;
})();

/** byte → its character in the byte-level alphabet. */
export const BYTE_TO_CHAR: readonly string[] = (() => {
  const chars = Array<string>(256);
  let extra = 0;
  for (const b of BYTE_ORDER) chars[b] = String.fromCodePoint(b >= 33 && b <= 126 ? b : b >= 161 && b !== 173 ? b : 256 + extra++);
  return chars;
})();

/** character of the byte-level alphabet → byte. */
export const CHAR_TO_BYTE: ReadonlyMap<string, number> = new Map(BYTE_TO_CHAR.map((c, b) => [c, b]));

/** Bytes spelled in the byte-level alphabet: [0x20, 0x61] → "Ġa". */
export function bytesToChars(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += BYTE_TO_CHAR[b];
  return s;
}
