// What YAML accepts but a data file must not hold: unknown tags, bad merges, huge values, alias bombs, invalid UTF-8.
import { isAlias, isMap, isPair, isScalar, isSeq, visit, type Document, type LineCounter, type Node } from 'yaml';
import type { Problem } from '../errors.js';

/** A data file is at most 1 MiB (the largest shipped one is about 63 KB). */
export const MAX_FILE_BYTES = 1024 * 1024;
/** A string value is at most 10,000 characters (the longest shipped note is about 1,200). */
export const MAX_SCALAR = 10_000;
/** Nodes that aliases may add to a file once expanded; the shipped files add a few hundred. */
export const MAX_ALIAS_EXPANSION = 10_000;

/**
 * The file's bytes as text, or a problem naming the line of the first byte that is not UTF-8.
 * @example decodeUtf8('a.yaml', Buffer.from('x: \xff')) // { problem: { file: 'a.yaml', line: 1, … } }
 */
export function decodeUtf8(file: string, bytes: Uint8Array, max = MAX_FILE_BYTES): { text: string } | { problem: Problem } {
  if (bytes.length > max) return { problem: { file, path: '', message: `the file is ${bytes.length} bytes; a data file is at most ${max} bytes` } };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes) };
  } catch {
    const at = firstInvalidUtf8(bytes);
    const line = bytes.subarray(0, at).reduce((n, b) => n + (b === 0x0a ? 1 : 0), 1);
    return { problem: { file, path: '', line, message: `the file is not valid UTF-8 (byte 0x${(bytes[at] ?? 0).toString(16)} at offset ${at}); save it as UTF-8` } };
  }
}

/** Offset of the first byte that does not begin or continue a well-formed UTF-8 sequence. */
function firstInvalidUtf8(b: Uint8Array): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i]!;
    const n = c < 0x80 ? 0 : c >= 0xc2 && c <= 0xdf ? 1 : c >= 0xe0 && c <= 0xef ? 2 : c >= 0xf0 && c <= 0xf4 ? 3 : -1;
    if (n < 0) return i;
    // The second byte's range rules out overlong forms and surrogates.
    const lo = c === 0xe0 ? 0xa0 : c === 0xf0 ? 0x90 : 0x80;
    const hi = c === 0xed ? 0x9f : c === 0xf4 ? 0x8f : 0xbf;
    for (let k = 1; k <= n; k++) {
      const x = b[i + k];
      if (x === undefined || x < (k === 1 ? lo : 0x80) || x > (k === 1 ? hi : 0xbf)) return i;
    }
    i += n + 1;
  }
  return b.length;
}

/**
 * Problems in a parsed document that YAML itself lets through: warnings (e.g. an unknown tag such as
 * `!!js/function`, which would become a plain string), a merge key (`<<`) whose value is not a mapping,
 * over-long strings, and aliases that expand to more than MAX_ALIAS_EXPANSION nodes.
 */
export function shapeProblems(file: string, doc: Document, lines: LineCounter): Problem[] {
  const at = (node: { range?: [number, number, number] | null } | null | undefined) => (node?.range ? lines.linePos(node.range[0]).line : undefined);
  const problems: Problem[] = doc.warnings.map((w) => ({ file, path: '', line: w.linePos?.[0].line, message: `YAML: ${(w.message.split('\n')[0] ?? w.code).replace(/ at line \d+, column \d+:?$/, '')}` }));
  if (doc.contents === null) problems.push({ file, path: '', line: 1, message: 'the file is empty; a data file holds at least one section (sources:, models:, …) or should be deleted' });
  visit(doc, {
    Pair(_, pair) {
      if (!isMergeKey(pair.key)) return;
      const value = isAlias(pair.value) ? pair.value.resolve(doc) : pair.value;
      const ok = isMap(value) || (isSeq(value) && value.items.every((i) => isMap(isAlias(i) ? i.resolve(doc) : i)));
      if (!ok) problems.push({ file, path: '', line: at(pair.key as Node), message: 'a merge key (<<) takes a mapping or an alias of one' });
    },
    Scalar(_, node) {
      if (typeof node.value === 'string' && node.value.length > MAX_SCALAR) {
        problems.push({ file, path: '', line: at(node), message: `a value of ${node.value.length} characters; values are at most ${MAX_SCALAR}` });
      }
    },
  });
  const expansion = aliasExpansion(doc);
  if (expansion.added > MAX_ALIAS_EXPANSION) {
    problems.push({ file, path: '', line: at(expansion.first), message: `aliases expand to more than ${MAX_ALIAS_EXPANSION} nodes (an alias bomb?); repeat the values instead` });
  }
  return problems;
}

/** `<<` as a key: with merges on, YAML gives it the value Symbol('<<'). */
function isMergeKey(key: unknown): boolean {
  if (!isScalar(key)) return false;
  return key.value === '<<' || (typeof key.value === 'symbol' && key.value.description === '<<');
}

/** How many nodes the aliases add when expanded, computed once per anchored node (linear in the file). */
function aliasExpansion(doc: Document): { added: number; first?: Node } {
  const sizes = new Map<unknown, number>();
  let added = 0;
  let first: Node | undefined;
  const size = (node: unknown, depth: number): number => {
    if (depth > 200) return Infinity; // deeper than any data file; treat as too large rather than overflow the stack
    const known = sizes.get(node);
    if (known !== undefined) return known;
    sizes.set(node, Infinity); // an alias inside its own anchor counts as unbounded
    let n = 1;
    if (isAlias(node)) {
      const target = node.resolve(doc);
      const s = target ? size(target, depth + 1) : 1;
      first ??= node;
      added = Math.min(added + s, Number.MAX_SAFE_INTEGER);
      n = s;
    } else if (isMap(node) || isSeq(node)) {
      for (const item of node.items) n += isPair(item) ? size(item.key, depth + 1) + size(item.value, depth + 1) : size(item, depth + 1);
    }
    sizes.set(node, n);
    return n;
  };
  size(doc.contents, 0);
  return { added, ...(first ? { first } : {}) };
}
