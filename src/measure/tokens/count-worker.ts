// Worker-thread entry of the count pool: loads one tokenizer once, then counts the texts it is sent.
import { parentPort, workerData } from 'node:worker_threads';
import { TokenizerFiles } from '../tokenizers/files.js';
import { findTokenizer } from '../tokenizers/registry.js';
import type { Tokenizer } from '../tokenizers/types.js';

export type CountRequest = { readonly id: number; readonly text: string };
export type CountReply =
  | { type: 'ready' }
  | { type: 'count'; id: number; tokens: number }
  | { type: 'uncountable'; id: number; message: string }
  | { type: 'error'; message: string };

const { tokenizer, tokenizerDir } = workerData as { tokenizer: string; tokenizerDir: string | undefined };
const post = (m: CountReply) => parentPort?.postMessage(m);
const spec = findTokenizer(tokenizer);
const ready: Promise<Tokenizer> = spec ? spec.load(new TokenizerFiles(tokenizerDir)) : Promise.reject(new Error(`unknown tokenizer ${tokenizer}`));
ready.then(() => post({ type: 'ready' }), (e: unknown) => post({ type: 'error', message: e instanceof Error ? e.message : String(e) }));
parentPort?.on('message', (m: CountRequest) => {
  void ready.then((tok) => {
    try {
      post({ type: 'count', id: m.id, tokens: tok.count(m.text) });
    } catch (e) {
      // A text this tokenizer cannot take is the text's problem: the worker and its tokenizer stay.
      post({ type: 'uncountable', id: m.id, message: e instanceof Error ? e.message : String(e) });
    }
  }, () => undefined);
});
