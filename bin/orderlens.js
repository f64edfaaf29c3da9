#!/usr/bin/env node
// Thin launcher: all behaviour lives in src/cli (compiled to dist/ by `npm install`). The process started
// from a shell is a small supervisor that runs orderlens in a child, so that Ctrl-C and SIGTERM are answered
// even during a long synchronous step (src/cli/supervisor.ts).
import { fileURLToPath } from 'node:url';
import { isSupervised, supervise } from '../dist/cli/supervisor.js';

if (!isSupervised(process.env)) {
  supervise(fileURLToPath(import.meta.url), process.argv.slice(2));
} else {
  const { run } = await import('../dist/cli/main.js');
  const { nodeIo, outputFailed } = await import('../dist/cli/io.js');
  const { installInterruptHandlers } = await import('../dist/cli/interrupt.js');
  const io = nodeIo();
  installInterruptHandlers(io);
  const code = await run(process.argv.slice(2), io);
  process.exitCode = outputFailed() ? 1 : code;
}
