#!/usr/bin/env node
// Thin launcher: all behaviour lives in src/cli (compiled to dist/ by `npm install`).
import { run } from '../dist/cli/main.js';
import { nodeIo } from '../dist/cli/io.js';

process.exitCode = await run(process.argv.slice(2), nodeIo());
