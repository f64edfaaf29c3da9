/**
 * The command's thread (cli-thread.ts starts it): runs `run(argv, io)` with the process's io, telling the main
 * thread what an interruption would leave undone (interrupt.ts) and, at the end, the exit code.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { CliPosted, CliStart } from './cli-thread.js';
import { tellInterrupts } from './interrupt.js';
import { nodeIo, outputFailed } from './io.js';
import { run } from './main.js';

const port = parentPort;
if (!port) throw new Error('cli-worker.ts runs as a worker thread');
const start = workerData as CliStart;
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
