// Nearest ids for an unknown one: the close ones when there are any, otherwise the nearest there are; each id once.
import { describe, expect, it } from 'vitest';
import { suggest } from '../../src/catalog/suggest.js';

describe('suggest', () => {
  it('answers an id close to nothing with the nearest ids, not with nothing', () => {
    // Edit distances by hand: zzzz → beta 4 (four substitutions), → alpha 5 (four substitutions and an insertion).
    expect(suggest('zzzz', ['alpha', 'beta'])).toEqual(['beta', 'alpha']);
  });

  it('names each id once, when sections share one', () => {
    // glm-6 → glm-5: one substitution; → glm: "glm6" without its separators is one insertion from "glm". Ties in text order.
    expect(suggest('glm-6', ['glm-5', 'glm-5', 'glm'])).toEqual(['glm', 'glm-5']);
  });

  it('keeps to the close ones when there are some', () => {
    expect(suggest('qwen3.5-27', ['qwen3.5-27b', 'llama-4-scout-17b-16e', 'gemma-3-27b'])).toEqual(['qwen3.5-27b']);
  });
});
