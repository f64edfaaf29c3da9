/**
 * The command's thread (cli-thread.ts starts it): runs `run(argv, io)` with the process's io, telling the main
 * thread what an interruption would leave undone (interrupt.ts) and, at the end, the exit code. An import of a
 * large file starts its reading thread before the program is loaded (reading-thread.ts): both load at once.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { CliPosted, CliStart } from './cli-thread.js';
import { commandAt } from './command-word.js';
import { startReadingEarly } from '../import/reading-thread.js';

const port = parentPort;
if (!port) throw new Error('cli-worker.ts runs as a worker thread');
const start = workerData as CliStart;
const at = commandAt(start.argv);
if (start.argv[at] === 'import') startReadingEarly(start.argv.slice(at + 1));
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
