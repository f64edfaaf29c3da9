#!/usr/bin/env node
// Thin launcher: all behaviour lives in src/cli (compiled to dist/ by `npm install`).
import { run } from '../dist/cli/main.js';
import { nodeIo, outputFailed } from '../dist/cli/io.js';
import { installInterruptHandlers } from '../dist/cli/interrupt.js';

const io = nodeIo();
installInterruptHandlers(io);
const code = await run(process.argv.slice(2), io);
process.exitCode = outputFailed() ? 1 : code;
