/**
 * The command's thread (cli-thread.ts starts it): runs `run(argv, io)` with the process's io, telling the main
 * thread what an interruption would leave undone (interrupt.ts) and, at the end, the exit code. An import of a
 * large file has its reading thread, which the main thread started beside this one (reading-thread.ts): both
 * load at once.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { CliPosted, CliStart } from './cli-thread.js';
import { adoptReadingThread } from '../import/reading-thread.js';

const port = parentPort;
if (!port) throw new Error('cli-worker.ts runs as a worker thread');
const start = workerData as CliStart;
// the reading thread the main thread started for an import of a large file: the import takes it
if (start.reading) adoptReadingThread(start.reading);
const [{ tellInterrupts }, { nodeIo, outputFailed }, { run }] = await Promise.all([import('./interrupt.js'), import('./io.js'), import('./main.js')]);
tellInterrupts(start.port, start.step);
let asked = false;
// stdin is the main thread's: it is passed on only to a command that reads it (`import -`)
const stdin = () => {
  if (!asked) port.postMessage({ stdin: true } satisfies CliPosted);
  asked = true;
  return process.stdin;
};
const code = await run(start.argv, nodeIo(start.terminal, stdin));
port.postMessage({ done: outputFailed() ? 1 : code } satisfies CliPosted);
