// A GGUF v3 writer: header, metadata key-values, tensor infos, then the tensor data, each tensor aligned.
// Little-endian throughout, as llama.cpp reads it (ggml/src/gguf.cpp).

/** A metadata value with its GGUF type. */
export type GgufValue =
  | { readonly type: 'uint32' | 'int32' | 'float32'; readonly value: number }
  | { readonly type: 'bool'; readonly value: boolean }
  | { readonly type: 'string'; readonly value: string }
  | { readonly type: 'string[]'; readonly value: readonly string[] }
  | { readonly type: 'int32[]'; readonly value: readonly number[] };

/** A tensor: its name, its dimensions innermost first (ggml's ne[0], ne[1], …) and its values. */
export interface GgufTensor {
  readonly name: string;
  readonly dims: readonly number[];
  readonly type: 'F32' | 'F16';
  readonly data: Float32Array;
}

/** gguf_type in ggml/src/gguf.cpp. */
const VALUE_TYPE = { uint32: 4, int32: 5, float32: 6, bool: 7, string: 8, array: 9 } as const;
/** ggml_type in ggml/include/ggml.h. */
const TENSOR_TYPE = { F32: 0, F16: 1 } as const;
const MAGIC = 0x46554747; // "GGUF" read as a little-endian uint32
const VERSION = 3;
/** The alignment llama.cpp assumes when `general.alignment` is absent. */
export const GGUF_ALIGNMENT = 32;

/** Appends little-endian values to a growing list of buffers. */
class Out {
  readonly parts: Buffer[] = [];
  size = 0;
  push(b: Buffer): void {
    this.parts.push(b);
    this.size += b.length;
  }
  u32(n: number): void {
    const b = Buffer.alloc(4);
    b.writeUInt32LE(n);
    this.push(b);
  }
  i32(n: number): void {
    const b = Buffer.alloc(4);
    b.writeInt32LE(n);
    this.push(b);
  }
  u64(n: number): void {
    const b = Buffer.alloc(8);
    b.writeBigUInt64LE(BigInt(n));
    this.push(b);
  }
  f32(n: number): void {
    const b = Buffer.alloc(4);
    b.writeFloatLE(n);
    this.push(b);
  }
  str(s: string): void {
    const b = Buffer.from(s, 'utf8');
    this.u64(b.length);
    this.push(b);
  }
  pad(alignment: number): void {
    const rest = this.size % alignment;
    if (rest) this.push(Buffer.alloc(alignment - rest));
  }
}

function writeValue(out: Out, v: GgufValue): void {
  switch (v.type) {
    case 'uint32': return out.u32(v.value);
    case 'int32': return out.i32(v.value);
    case 'float32': return out.f32(v.value);
    case 'bool': return out.push(Buffer.from([v.value ? 1 : 0]));
    case 'string': return out.str(v.value);
    case 'string[]':
      out.u32(VALUE_TYPE.string);
      out.u64(v.value.length);
      return v.value.forEach((s) => out.str(s));
    case 'int32[]':
      out.u32(VALUE_TYPE.int32);
      out.u64(v.value.length);
      return v.value.forEach((n) => out.i32(n));
  }
}

const typeCode = (v: GgufValue) => (v.type.endsWith('[]') ? VALUE_TYPE.array : VALUE_TYPE[v.type as keyof typeof VALUE_TYPE]);

/** A tensor's bytes: F32 as is, F16 rounded to nearest even. */
function tensorBytes(t: GgufTensor): Buffer {
  const count = t.dims.reduce((a, b) => a * b, 1);
  if (t.data.length !== count) throw new Error(`tensor ${t.name}: ${t.data.length} values for dimensions ${t.dims.join('×')}`);
  if (t.type === 'F32') return Buffer.from(t.data.buffer, t.data.byteOffset, t.data.byteLength);
  const b = Buffer.alloc(count * 2);
  t.data.forEach((x, i) => b.writeUInt16LE(toHalf(x), i * 2));
  return b;
}

const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);

/**
 * IEEE 754 half-precision bits of a number, rounded to nearest even (subnormals and infinities kept).
 * @example toHalf(1) // 0x3c00
 */
export function toHalf(x: number): number {
  f32[0] = x;
  const bits = u32[0] as number;
  const sign = (bits >>> 16) & 0x8000;
  const exp = (bits >>> 23) & 0xff;
  let mant = bits & 0x7fffff;
  if (exp === 0xff) return sign | 0x7c00 | (mant ? 0x200 : 0);
  const e = exp - 127 + 15;
  if (e >= 0x1f) return sign | 0x7c00;
  let shift = 13;
  let head = e << 10;
  if (e <= 0) {
    if (e < -10) return sign;
    mant |= 0x800000;
    shift = 14 - e;
    head = 0;
  }
  let half = head | (mant >>> shift);
  const rest = mant & ((1 << shift) - 1);
  const mid = 1 << (shift - 1);
  if (rest > mid || (rest === mid && half & 1)) half += 1;
  return sign | half;
}

/**
 * The bytes of a GGUF v3 file. Tensor offsets are relative to the data section, each a multiple of
 * `general.alignment` (32 unless the metadata sets it).
 * @example writeGguf([['general.architecture', { type: 'string', value: 'llama' }]], tensors)
 */
export function writeGguf(meta: readonly (readonly [string, GgufValue])[], tensors: readonly GgufTensor[]): Buffer {
  const set = meta.find(([k]) => k === 'general.alignment')?.[1];
  const alignment = set?.type === 'uint32' ? set.value : GGUF_ALIGNMENT;
  const out = new Out();
  out.u32(MAGIC);
  out.u32(VERSION);
  out.u64(tensors.length);
  out.u64(meta.length);
  for (const [key, value] of meta) {
    out.str(key);
    out.u32(typeCode(value));
    writeValue(out, value);
  }
  const datas = tensors.map(tensorBytes);
  let offset = 0;
  tensors.forEach((t, i) => {
    out.str(t.name);
    out.u32(t.dims.length);
    t.dims.forEach((d) => out.u64(d));
    out.u32(TENSOR_TYPE[t.type]);
    out.u64(offset);
    offset += Math.ceil((datas[i] as Buffer).length / alignment) * alignment;
  });
  out.pad(alignment);
  for (const d of datas) {
    out.push(d);
    out.pad(alignment);
  }
  return Buffer.concat(out.parts);
}
