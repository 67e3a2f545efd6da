import { describe, expect, it } from 'vitest';
import { formatBytes, formatInt, formatKiB, formatParams, formatTokens } from '../src/format.js';

describe('formatting', () => {
  it('groups thousands', () => {
    expect([0, 999, 1000, 262144, 10485760].map(formatInt)).toEqual(['0', '999', '1,000', '262,144', '10,485,760']);
  });
  it('names params as vendors do', () => {
    expect([0.8e9, 27.8e9, 397e9, 270e6, 1.5e12].map(formatParams)).toEqual(['0.8B', '27.8B', '397B', '270M', '1.5T']);
  });
  it('shows context windows exactly, with a short form', () => {
    expect([262144, 131072, 10485760, 1010000, 32768].map(formatTokens)).toEqual([
      '262,144 tokens (256K)', '131,072 tokens (128K)', '10,485,760 tokens (10.5M)', '1,010,000 tokens (1.01M)', '32,768 tokens (32K)',
    ]);
  });
  it('uses decimal units for memory and binary units per token', () => {
    expect(formatBytes(218e9)).toBe('218 GB');
    expect(formatKiB(65536)).toBe('64 KiB');
    expect(formatKiB(1152)).toBe('1.13 KiB');
  });
});
