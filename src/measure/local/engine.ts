// A GGUF model run in this process by node-llama-cpp (llama.cpp's CPU build): chat turns streamed token by
// token with their timings, on a pool of context sequences so concurrent requests are batched together.
import { createHash } from 'node:crypto';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import type { ChatWrapper, Llama, LlamaChat, LlamaContext, LlamaContextSequence, LlamaGrammar, LlamaModel } from 'node-llama-cpp';
import { VersusError } from '../../errors.js';
import type { InputSizer } from '../eval/sizing.js';
import { splitThinking, type ChatRequest, type ChatResult } from '../eval/client.js';
import { toFunctions, toHistory, toToolCalls } from './tools.js';

/** What a caller sees of a streamed turn: each piece of text as it is decoded. */
export interface StreamHandlers {
  readonly onText?: (text: string) => void;
  readonly signal?: AbortSignal;
}

/** A turn's outcome as the engine counts it. */
export interface LocalTurn extends ChatResult {
  readonly finishReason: 'stop' | 'length' | 'tool_calls';
}

export interface LocalOptions {
  /** Requests served at once (context sequences); more wait for a free one. */
  readonly sequences?: number;
  /** CPU threads (default: node-llama-cpp's choice, the cores useful for math). */
  readonly threads?: number;
  /** Tokens each sequence can hold (default 2048, at most the model's training context). */
  readonly contextSize?: number;
  readonly clock?: () => number;
  /** How node-llama-cpp is imported (tests make it fail to see what a user without it is told). */
  readonly importer?: () => Promise<typeof import('node-llama-cpp')>;
}

/** The command that installs the engine: it is a development dependency, so a production install leaves it out. */
export const INSTALL_ENGINE = 'npm install --no-save node-llama-cpp@3.21.1';

const firstLine = (error: unknown) => (error instanceof Error ? error.message : String(error)).split('\n')[0];

/** Imports node-llama-cpp, or says in one line how to install it. */
async function loadEngine(importer = () => import('node-llama-cpp')): Promise<typeof import('node-llama-cpp')> {
  try {
    return await importer();
  } catch (error) {
    const missing = ['ERR_MODULE_NOT_FOUND', 'MODULE_NOT_FOUND'].includes((error as NodeJS.ErrnoException).code ?? '');
    throw new VersusError('E_LOCAL', missing ? `Local models need node-llama-cpp, which this install left out; add it with: ${INSTALL_ENGINE}` : `node-llama-cpp does not load (${firstLine(error)}); reinstall it with: ${INSTALL_ENGINE}`);
  }
}

/** A loaded model with a pool of sequences. */
export class LocalEngine {
  private readonly free: LlamaContextSequence[];
  private readonly waiting: ((s: LlamaContextSequence) => void)[] = [];
  private jsonGrammar: Promise<LlamaGrammar> | undefined;

  private constructor(
    private readonly llama: Llama,
    private readonly model: LlamaModel,
    private readonly context: LlamaContext,
    private readonly lib: typeof import('node-llama-cpp'),
    readonly path: string,
    readonly sha256: string,
    private readonly clock: () => number,
    /** The model's chat template as node-llama-cpp resolved it: slow to resolve, so done once. */
    private readonly wrapper: ChatWrapper,
    /** The engine package and its version, e.g. "node-llama-cpp 3.21.1". */
    readonly engine: string,
  ) {
    this.free = Array.from({ length: context.totalSequences }, () => context.getSequence());
  }

  /**
   * Loads a GGUF file on the CPU build shipped in the npm package: never builds, never downloads.
   * @throws VersusError E_LOCAL when the file is missing, is not a model llama.cpp can load, or node-llama-cpp is absent
   */
  static async open(path: string, o: LocalOptions = {}): Promise<LocalEngine> {
    if (!existsSync(path)) throw new VersusError('E_LOCAL', `No model file at ${path}.`, 2);
    // A device (/dev/zero) or a pipe never ends: hashing or loading it would never return.
    if (!statSync(path).isFile()) throw new VersusError('E_LOCAL', `${path} is not a file; give a GGUF model file.`, 2);
    const lib = await loadEngine(o.importer);
    const sha256 = await fileSha256(path);
    let llama: Llama;
    try {
      llama = await lib.getLlama({ gpu: false, build: 'never', skipDownload: true, progressLogs: false, logLevel: lib.LlamaLogLevel.error, ...(o.threads ? { maxThreads: o.threads } : {}) });
    } catch (error) {
      throw new VersusError('E_LOCAL', `node-llama-cpp has no working CPU binary for this platform (${firstLine(error)}).${armHint(process.platform, process.arch)}`);
    }
    let model: LlamaModel;
    try {
      model = await llama.loadModel({ modelPath: path });
    } catch (error) {
      await llama.dispose();
      throw new VersusError('E_LOCAL', `${path} is not a model llama.cpp can load (${firstLine(error)}).`, 2);
    }
    const sequences = Math.max(1, o.sequences ?? 1);
    const contextSize = Math.min(o.contextSize ?? 2048, model.trainContextSize);
    let context: LlamaContext;
    try {
      context = await model.createContext({ sequences, contextSize, ...(o.threads ? { threads: o.threads } : {}) });
    } catch (error) {
      await model.dispose();
      await llama.dispose();
      throw new VersusError('E_LOCAL', `Cannot hold ${sequences} requests of ${contextSize} tokens in memory for ${path} (${firstLine(error)}); lower --concurrency.`);
    }
    const probe = new lib.LlamaChat({ contextSequence: context.getSequence(), autoDisposeSequence: false });
    const wrapper = probe.chatWrapper;
    probe.dispose({ disposeSequence: true });
    return new LocalEngine(llama, model, context, lib, path, sha256, o.clock ?? (() => performance.now()), wrapper, `node-llama-cpp ${await lib.getModuleVersion()}`);
  }

  /** The model's own name (general.name), else the file name. */
  get name(): string {
    return this.model.fileInfo.metadata.general?.name ?? basename(this.path);
  }

  get sequences(): number {
    return this.context.totalSequences;
  }

  /** The BPE vocabulary in the model file: its tokens and merges ("a b"), empty for other tokenizers. */
  vocabulary(): { tokens: string[]; merges: string[] } {
    const ggml = this.model.fileInfo.metadata.tokenizer?.ggml as { tokens?: readonly string[]; merges?: readonly string[] } | undefined;
    return { tokens: [...(ggml?.tokens ?? [])], merges: [...(ggml?.merges ?? [])] };
  }

  /** Tokens of a text as the model's tokenizer splits it (no special tokens). */
  tokenize(text: string): number[] {
    return [...this.model.tokenize(text)];
  }

  /** Exact input lengths for the speed and long-context suites: counted with this model's own tokenizer. */
  sizer(): InputSizer {
    return { exact: true, basis: `exact: counted with the model's own tokenizer (${this.engine})`, count: (t) => this.model.tokenize(t).length };
  }

  detokenize(tokens: readonly number[]): string {
    return this.model.detokenize(tokens as Parameters<LlamaModel['detokenize']>[0]);
  }

  private async acquire(): Promise<LlamaContextSequence> {
    const s = this.free.pop();
    if (s) return s;
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private release(s: LlamaContextSequence): void {
    const next = this.waiting.shift();
    if (next) next(s);
    else this.free.push(s);
  }

  /**
   * One chat turn, streamed: the chat template of the model applied to the messages, greedy unless a
   * temperature is given, JSON-constrained when asked. Times the first token and the gaps after it.
   * @example await engine.chat({ messages: [{ role: 'user', content: 'Hi' }], maxTokens: 16 })
   */
  async chat(request: ChatRequest, h: StreamHandlers = {}): Promise<LocalTurn> {
    const start = this.clock();
    const sequence = await this.acquire();
    let chat: LlamaChat | undefined;
    try {
      await sequence.clearHistory();
      chat = new this.lib.LlamaChat({ contextSequence: sequence, autoDisposeSequence: false, chatWrapper: this.wrapper });
      const history = toHistory(request.messages);
      const functions = request.tools?.length ? toFunctions(request.tools) : undefined;
      const promptTokens = chat.chatWrapper.generateContextState({ chatHistory: [...history, { type: 'model', response: [] }], ...(functions ? { availableFunctions: functions } : {}) }).contextText.tokenize(this.model.tokenizer).length;
      let first: number | undefined;
      let previous: number | undefined;
      const gaps: number[] = [];
      const meter = sequence.tokenMeter.getState();
      const grammar = request.json ? await (this.jsonGrammar ??= this.llama.getGrammarFor('json')) : undefined;
      const r = await chat.generateResponse(history, {
        ...(request.maxTokens !== undefined ? { maxTokens: request.maxTokens } : {}),
        temperature: request.temperature ?? 0, ...(request.seed !== undefined ? { seed: request.seed } : {}),
        ...(grammar ? { grammar } : functions ? { functions } : {}), ...(h.signal ? { signal: h.signal } : {}),
        onTextChunk: (text) => {
          const now = this.clock();
          if (first === undefined) first = now;
          else if (previous !== undefined) gaps.push(now - previous);
          previous = now;
          h.onText?.(text);
        },
      });
      // Tokens the sampler produced, including one held back as a possible start of a stop sequence.
      const completionTokens = sequence.tokenMeter.diff(meter).usedOutputTokens;
      const end = this.clock();
      const split = splitThinking(r.response);
      return {
        content: split.answer, reasoning: split.thinking, toolCalls: toToolCalls(r.functionCalls), servedModel: this.name, promptTokens, completionTokens,
        ttftMs: (first ?? end) - start, interTokenMs: gaps, totalMs: end - start, attempts: 1,
        finishReason: r.metadata.stopReason === 'functionCalls' ? 'tool_calls' : r.metadata.stopReason === 'maxTokens' ? 'length' : 'stop',
      };
    } finally {
      chat?.dispose({ disposeSequence: false });
      this.release(sequence);
    }
  }

  async close(): Promise<void> {
    await this.context.dispose();
    await this.model.dispose();
    await this.llama.dispose();
  }
}

/** sha256 of a file, streamed (model files can be many gigabytes). */
export function fileSha256(path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    createReadStream(path).on('data', (d) => hash.update(d)).on('error', reject).on('end', () => resolve(hash.digest('hex')));
  });
}

/**
 * On ARM Linux, how to get the binary package.json leaves out: npm installs node-llama-cpp's ARM Linux
 * binaries on every x64 machine too (their package.json lists x64), so they are overridden to an empty package.
 * @example armHint('linux', 'arm64') // ' On ARM Linux the prebuilt binary is left out …'
 */
export function armHint(platform: string, arch: string): string {
  const pkg = platform === 'linux' ? { arm64: '@node-llama-cpp/linux-arm64', arm: '@node-llama-cpp/linux-armv7l' }[arch] : undefined;
  return pkg ? ` On ARM Linux the prebuilt binary is left out of the install to keep it small: delete the "${pkg}" line from "overrides" in package.json and run npm ci.` : '';
}
