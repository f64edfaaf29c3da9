/**
 * Ends the process at once with an exit code, without waiting for its worker threads. `process.exit` joins
 * every worker thread first, and a thread inside one SQLite statement (better-sqlite3 offers no
 * sqlite3_interrupt; Worker.terminate stops JavaScript, not native code) ends only when the statement does:
 * a first import's customers index, doctor's integrity check, a long report query. WASI's `proc_exit`, with
 * `returnOnExit: false`, is documented to exit the Node.js process with its code, and does so by C's exit():
 * the other thread ends with the process, as under `kill -9` (an open transaction never committed, and SQLite
 * rolls it back on the next open). Used only by cli-thread.ts once the command's thread had its chance.
 */
import { createRequire } from 'node:module';

/** The WebAssembly API, as much of it as this needs (the project's TypeScript libs do not declare it). */
interface Wasm {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: Record<string, unknown> };
}

/** A WebAssembly module importing WASI's `proc_exit` and exporting `exit(code)` (and the memory WASI wants). */
function exitModule(): Uint8Array {
  const name = (text: string) => [text.length, ...Buffer.from(text, 'latin1')];
  const section = (id: number, body: number[]) => [id, body.length, ...body];
  return Uint8Array.from([
    ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00], // "\0asm", version 1
    ...section(1, [1, 0x60, 1, 0x7f, 0]), // one type: (i32) -> ()
    ...section(2, [1, ...name('wasi_snapshot_preview1'), ...name('proc_exit'), 0x00, 0]), // import func 0
    ...section(3, [1, 0]), // func 1 of type 0
    ...section(5, [1, 0x00, 0]), // one memory, no pages
    ...section(7, [2, ...name('memory'), 0x02, 0, ...name('exit'), 0x00, 1]), // exports
    ...section(10, [1, 6, 0, 0x20, 0, 0x10, 0, 0x0b]), // func 1: local.get 0; call 0; end
  ]);
}

/**
 * Exits now with `code`; where WASI cannot (it always can on Node >= 20), ends the process by
 * `signal`'s default action instead, which a shell reports as the same code (130 SIGINT, 143 SIGTERM).
 */
export function exitNow(code: number, signal: 'SIGINT' | 'SIGTERM'): never {
  try {
    // WASI is marked experimental: its warning, due on the next tick, would be a second line (no tick comes)
    process.removeAllListeners('warning');
    const { WASI } = createRequire(import.meta.url)('node:wasi') as typeof import('node:wasi');
    const wasi = new WASI({ version: 'preview1', returnOnExit: false });
    const wasm = (globalThis as unknown as { WebAssembly: Wasm }).WebAssembly;
    const instance = new wasm.Instance(new wasm.Module(exitModule()), { wasi_snapshot_preview1: wasi.wasiImport });
    wasi.initialize(instance);
    (instance.exports.exit as (code: number) => void)(code);
  } catch {
    // no WASI here: the signal's own way out below
  }
  process.removeAllListeners(signal);
  process.kill(process.pid, signal);
  // a signal this process ignores (inherited as ignored) leaves one way out
  process.kill(process.pid, 'SIGKILL');
  throw new Error('unreachable');
}
