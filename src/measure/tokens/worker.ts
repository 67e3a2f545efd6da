// Worker-thread entry of the sweep: receives tasks, posts back what TaskRunner reports.
import { parentPort, workerData } from 'node:worker_threads';
import { TaskRunner, type Task } from './task.js';

const { texts, tokenizerDir } = workerData as { texts: [string, string][]; tokenizerDir: string | undefined };
const runner = new TaskRunner(new Map(texts), tokenizerDir);
parentPort?.on('message', (task: Task) => {
  void runner.run(task, (m) => parentPort?.postMessage(m));
});
