// A GGUF file as an eval target: the engine loaded in this process behind its OpenAI-compatible server on
// 127.0.0.1, so `versus eval --local` measures it exactly as it measures a remote endpoint.
import { basename } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { InputSizer } from '../eval/sizing.js';
import { LocalEngine, type LocalOptions } from './engine.js';
import { serveLocal } from './server.js';

export interface LocalTarget extends AsyncDisposable {
  /** The server's base URL, for the HTTP client. */
  readonly url: string;
  /** The model's own name, as the server serves it. */
  readonly model: string;
  /** Where the run was measured, as stored: the model file's URL. */
  readonly label: string;
  /** What a stored run records about it: engine, file, sha256, threads. */
  readonly settings: { readonly local: { readonly file: string; readonly sha256: string; readonly engine: string; readonly threads: number | null } };
  /** Input lengths counted with the model's own tokenizer. */
  readonly sizer: InputSizer;
}

/**
 * Loads the model and starts its server; disposing the target stops both.
 * @example await using target = await startLocal('/models/qwen.gguf', { sequences: 4 }); await chat({ url: target.url, model: target.model }, …)
 */
export async function startLocal(path: string, o: LocalOptions = {}): Promise<LocalTarget> {
  const engine = await LocalEngine.open(path, o);
  const server = await serveLocal(engine).catch(async (error: unknown) => {
    await engine.close();
    throw error;
  });
  return {
    url: server.url, model: engine.name, label: pathToFileURL(path).href, sizer: engine.sizer(),
    settings: { local: { file: basename(path), sha256: engine.sha256, engine: engine.engine, threads: o.threads ?? null } },
    async [Symbol.asyncDispose]() {
      await server.close();
      await engine.close();
    },
  };
}
