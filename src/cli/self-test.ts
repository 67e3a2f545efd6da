// versus eval --self-test: runs the self-test, stores it, prints the report; exit code 1 when a check failed.
import { RunStore } from '../measure/eval/store.js';
import { selfTest } from '../measure/local/self-test.js';
import { TOOL_VERSION } from '../paths.js';
import { renderSelfTest, selfTestJson } from '../render/self-test.js';
import type { Context } from './context.js';

export async function runSelfTest(ctx: Context, o: { db: string; json: boolean; seed: number }): Promise<number> {
  const store = new RunStore(o.db);
  const stop = new AbortController();
  const onSigint = () => stop.abort();
  process.once('SIGINT', onSigint);
  ctx.io.stderr.write('self-test: generating or reading the tiny model, loading it into node-llama-cpp…\n');
  try {
    const report = await selfTest({
      store, seed: o.seed, versusVersion: TOOL_VERSION, signal: stop.signal,
      onEvent: (e) => {
        if (e.type === 'level') ctx.io.stderr.write(`speed: concurrency ${e.concurrency}\n`);
      },
    });
    ctx.io.stdout.write(o.json ? `${JSON.stringify(selfTestJson(report, o.db), null, 2)}\n` : renderSelfTest(report, o.db));
    return report.ok ? 0 : 1;
  } finally {
    process.removeListener('SIGINT', onSigint);
    store.close();
  }
}
