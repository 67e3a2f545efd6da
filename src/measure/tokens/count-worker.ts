// Worker-thread entry of the count pool: loads one tokenizer once (its compact form, as `versus tokens --text` does),
// then counts the texts it is sent.
import { parentPort, workerData } from 'node:worker_threads';
import { TokenizerFiles } from '../tokenizers/files.js';
import { findTokenizer, loadForText } from '../tokenizers/registry.js';
import type { Tokenizer } from '../tokenizers/types.js';

export type CountRequest = { readonly id: number; readonly text: string };
export type CountReply =
  | { type: 'ready' }
  | { type: 'count'; id: number; tokens: number }
  | { type: 'uncountable'; id: number; message: string }
  | { type: 'error'; message: string };

/** What the pool sends each worker: the tokenizer and where its files and compact forms are (see TokenizerFiles). */
export interface CountWorkerData {
  readonly tokenizer: string;
  readonly dir: string | undefined;
  readonly origin: TokenizerFiles['origin'];
  readonly compact: string | undefined;
}

const { tokenizer, dir, origin, compact } = workerData as CountWorkerData;
const post = (m: CountReply) => parentPort?.postMessage(m);
const spec = findTokenizer(tokenizer);
const ready: Promise<Tokenizer> = spec ? loadForText(spec, new TokenizerFiles(dir, origin, compact)) : Promise.reject(new Error(`unknown tokenizer ${tokenizer}`));
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
