// One unit of sweep work: count the tokens of some texts under one tokenizer. Runs in a worker or in-process.
import { VersusError } from '../../errors.js';
import { TokenizerFiles } from '../tokenizers/files.js';
import { findTokenizer } from '../tokenizers/registry.js';
import type { Fidelity, Tokenizer } from '../tokenizers/types.js';

export interface Task {
  readonly tokenizer: string;
  readonly codes: readonly string[];
}

/** What a task reports, in order: `loaded` once per tokenizer per runner, then one `count` per text. */
export type TaskMessage =
  | { type: 'loaded'; tokenizer: string; implementation: string; fidelity: Fidelity }
  | { type: 'count'; tokenizer: string; code: string; tokens: number }
  | { type: 'done' }
  | { type: 'error'; code: string; message: string };

/** Runs tasks against a fixed set of texts, keeping each tokenizer it loads for later tasks. */
export class TaskRunner {
  private readonly loaded = new Map<string, Tokenizer>();
  private readonly files: TokenizerFiles;

  constructor(
    private readonly texts: ReadonlyMap<string, string>,
    tokenizerDir: string | undefined,
  ) {
    this.files = new TokenizerFiles(tokenizerDir);
  }

  /**
   * Counts every text of the task, reporting each message to `emit`; errors become an `error` message.
   * @example await runner.run({ tokenizer: 'qwen2', codes: ['eng'] }, (m) => console.log(m))
   */
  async run(task: Task, emit: (m: TaskMessage) => void): Promise<void> {
    try {
      const tok = await this.tokenizer(task.tokenizer, emit);
      for (const code of task.codes) {
        const text = this.texts.get(code);
        if (text === undefined) throw new VersusError('E_INTERNAL', `no text for language ${code}`);
        emit({ type: 'count', tokenizer: task.tokenizer, code, tokens: tok.count(text) });
      }
      emit({ type: 'done' });
    } catch (error) {
      const code = error instanceof VersusError ? error.code : 'E_INTERNAL';
      emit({ type: 'error', code, message: error instanceof Error ? error.message : String(error) });
    }
  }

  private async tokenizer(id: string, emit: (m: TaskMessage) => void): Promise<Tokenizer> {
    const have = this.loaded.get(id);
    if (have) return have;
    const spec = findTokenizer(id);
    if (!spec) throw new VersusError('E_INTERNAL', `unknown tokenizer ${id}`);
    const tok = await spec.load(this.files);
    this.loaded.set(id, tok);
    emit({ type: 'loaded', tokenizer: id, implementation: tok.implementation, fidelity: tok.fidelity });
    return tok;
  }
}
