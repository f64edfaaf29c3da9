/**
 * Worker-thread entry of the long report steps (fit-thread.ts starts it): runs the task in workerData and
 * posts its result, its typed arrays transferred; an error is posted as its name, message and catalogue entry.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { DataError, UsageError } from '../errors.js';
import { buffersOf, runFitTask, type FitArgs, type FitTaskName } from './fit-tasks.js';

const port = parentPort;
if (!port) throw new Error('fit-worker.ts runs as a worker thread');
const { name, args } = workerData as { name: FitTaskName; args: FitArgs<FitTaskName> };
port.postMessage({ type: 'started' });
try {
  const result = runFitTask(name, args);
  port.postMessage({ type: 'done', result }, buffersOf(result));
} catch (e) {
  const err = e as Error;
  port.postMessage({ type: 'error', error: { name: err.name, message: err.message, said: (e instanceof DataError || e instanceof UsageError) ? e.said : undefined } });
}
