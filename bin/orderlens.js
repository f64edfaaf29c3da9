#!/usr/bin/env node
// Thin launcher: all behaviour lives in src/cli (compiled to dist/ and bundled into dist/bundle/ by `npm install`:
// scripts/bundle.js). The command runs in a worker thread; this one answers Ctrl-C and SIGTERM
// (src/cli/cli-thread.ts), from its first line on.
let heard = null;
let answer = (code) => (heard ??= code);
process.on('SIGINT', () => answer(130));
process.on('SIGTERM', () => answer(143));
const { runCli } = await import('../dist/bundle/cli-thread.js');
answer = runCli(process.argv.slice(2), heard);
