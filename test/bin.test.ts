// The one smoke test of the built binary: bin/orderlens.js runs dist/, which test/build-dist.ts builds from the
// current sources before any test runs. Each scenario is its own test.
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, cpSync, mkdirSync, openSync, readdirSync, readFileSync, symlinkSync, writeFileSync, writeSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { fixture, sizeOf, tempDir, until } from './cli-harness.js';
import { repoRoot } from './shared-data.js';

const bin = path.join(repoRoot, 'bin', 'orderlens.js');
const env = { ...process.env, NO_COLOR: '1' };

describe('bin/orderlens.js', () => {
  const dir = tempDir();
  const db = path.join(dir, 'bin.db');

  it('imports a file as a real process: its summary line on stdout, exit 0', () => {
    const imported = spawnSync(process.execPath, [bin, '--db', path.join(dir, 'one.db'), 'import', fixture('generic', 'utf8.csv')], { encoding: 'utf8', env });
    expect(imported.status, imported.stderr).toBe(0);
    expect(imported.stdout).toContain('utf8.csv: read 5, inserted 5');
  });

  // the store of the next tests: 20,000 customers, far more output than a pipe buffer holds
  beforeAll(() => {
    const big = path.join(dir, 'big.csv');
    writeFileSync(big, 'customer,date,amount\n' + Array.from({ length: 20000 }, (_, i) => `cust-${i},2024-01-01,${i}.00`).join('\n'));
    const imported = spawnSync(process.execPath, [bin, '--db', db, 'import', big], { encoding: 'utf8', env });
    expect(imported.status, imported.stderr).toBe(0);
  });

  it('`orderlens customers | head -1` on output far larger than a pipe buffer: no error, exit 0', () => {
    const piped = spawnSync('bash', ['-c', `set -o pipefail; node "${bin}" --db "${db}" customers --currency CNY | head -1`], { encoding: 'utf8', env });
    expect(piped.stderr).toBe('');
    expect(piped.status).toBe(0);
    expect(piped.stdout).toBe('customer_key,customer,platform,shop,orders,revenue,first_order,last_order\n');
  });

  it('a closed stderr (`2>&1 | head -1` once the first note is read) loses the notes, not the data: exit 0', async () => {
    const closedErr = await new Promise<{ code: number | null; out: string }>((resolve) => {
      const child = spawn(process.execPath, [bin, '--db', db, 'rfm', '--by', 'customer', '--currency', 'CNY'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
      child.stderr.destroy();
      let out = '';
      child.stdout.on('data', (d: Buffer) => (out += d.toString()));
      child.on('close', (code) => resolve({ code, out }));
    });
    expect(closedErr.code).toBe(0);
    expect(closedErr.out.trim().split('\n')).toHaveLength(20001); // the header and 20,000 customers
  });

  it('`orderlens import a b c | head -1`: the pipe closes after the first file\'s line, every file is imported', () => {
    const parts = [1, 2, 3].map((p) => {
      const part = path.join(dir, `part${p}.csv`);
      writeFileSync(part, 'order_id,customer,date,amount\n' + Array.from({ length: 20000 }, (_, i) => `p${p}-${i},c${i % 999},2024-02-${String((i % 28) + 1).padStart(2, '0')},1.00`).join('\n'));
      return `"${part}"`;
    });
    const parted = path.join(dir, 'parted.db');
    const head = spawnSync('bash', ['-c', `set -o pipefail; node "${bin}" --db "${parted}" import ${parts.join(' ')} | head -1`], { encoding: 'utf8', env });
    expect(head.status, head.stderr).toBe(0);
    expect(head.stdout).toContain('part1.csv: read 20000, inserted 20000');
    const partedInfo = JSON.parse(spawnSync(process.execPath, [bin, '--db', parted, 'info', '--format', 'json'], { encoding: 'utf8', env }).stdout) as { item: string; value: unknown }[];
    expect(partedInfo.find((r) => r.item === 'orders')?.value).toBe(60000);
  });

  it('a usage error is exit 2 with one line and no stack trace', () => {
    const usage = spawnSync(process.execPath, [bin, 'info', '--format', 'xml'], { encoding: 'utf8', env });
    expect(usage.status).toBe(2);
    expect(usage.stderr).not.toMatch(/\n\s+at /);
    expect(usage.stderr.trim().split('\n')).toHaveLength(1);
  });
});

describe('a killed import', () => {
  it('leaves the database exactly as it was before the file', async () => {
    const dir = tempDir();
    const db = path.join(dir, 'kill.db');
    expect(spawnSync(process.execPath, [bin, '--db', db, 'import', fixture('generic', 'utf8.csv')], { env }).status).toBe(0);
    const big = path.join(dir, 'big.csv');
    const fd = openSync(big, 'w');
    writeSync(fd, 'order_id,customer,date,amount\n');
    for (let chunk = 0; chunk < 40; chunk++) {
      const rows = Array.from({ length: 50_000 }, (_, j) => {
        const i = chunk * 50_000 + j;
        return `k${i},c${i % 5000},2024-01-${String((i % 28) + 1).padStart(2, '0')},${i % 97}.50\n`;
      });
      writeSync(fd, rows.join(''));
    }
    closeSync(fd);
    const child = spawn(process.execPath, [bin, '--db', db, 'import', big], { env, stdio: 'ignore' });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    // killed in the middle of writing: once its uncommitted pages have reached the write-ahead log
    await until(() => sizeOf(db + '-wal') > 1 << 20 || child.exitCode !== null);
    child.kill('SIGKILL');
    expect(await exited).toBeNull(); // it was killed, not finished
    const check = spawnSync(process.execPath, [bin, '--db', db, 'info', '--format', 'json'], { encoding: 'utf8', env });
    const rows = JSON.parse(check.stdout) as { section: string; item: string; value: string | number }[];
    expect(rows.find((r) => r.item === 'orders')?.value).toBe(5);
    expect(rows.filter((r) => r.section === 'import')).toHaveLength(1);
  });
});

describe('start-up', () => {
  const dir = tempDir();
  // a module hook that writes down every module the process loads, one URL a line
  const list = path.join(dir, 'modules.txt');
  const hooks = path.join(dir, 'hooks.mjs');
  writeFileSync(hooks, `import { appendFileSync } from 'node:fs';\nexport async function load(url, context, next) { appendFileSync(${JSON.stringify(list)}, url + '\\n'); return next(url, context); }\n`);
  const register = path.join(dir, 'register.mjs');
  writeFileSync(register, `import { register } from 'node:module';\nregister(${JSON.stringify(pathToFileURL(hooks).href)});\n`);
  // the binary runs its bundle (scripts/bundle.js): a file of dist/bundle/ stands for the modules of dist/ that
  // esbuild put in it (its metafile), so that the lists below name dist/'s modules
  const meta = JSON.parse(readFileSync(path.join(repoRoot, 'dist', 'bundle', 'meta.json'), 'utf8')) as { outputs: Record<string, { inputs: Record<string, unknown> }> };
  const bundled = pathToFileURL(path.join(repoRoot, 'dist', 'bundle')).href + '/';
  const modules = (urls: string[]): string[] =>
    urls.flatMap((u) => {
      if (!u.startsWith(bundled)) return [u];
      const out = meta.outputs[`dist/bundle/${u.slice(bundled.length)}`];
      expect(out, u).toBeDefined();
      return Object.keys(out.inputs).map((input) => pathToFileURL(path.join(repoRoot, input)).href);
    });
  const loaded = (argv: string[]): string[] => {
    writeFileSync(list, '');
    const r = spawnSync(process.execPath, ['--import', pathToFileURL(register).href, bin, ...argv], { encoding: 'utf8', env });
    expect(r.status, r.stderr).toBe(0);
    return modules(readFileSync(list, 'utf8').split('\n').filter(Boolean));
  };
  const commandModules = (urls: string[]) => urls.filter((u) => u.includes('/dist/cli/commands/')).map((u) => path.basename(u, '.js'));

  it('`--version` loads no command and `rfm` only its own (main.ts loads a command when it runs); hyparquet only for a Parquet file', () => {
    const version = loaded(['--version']);
    expect(commandModules(version)).toEqual([]);
    const rfm = loaded(['--db', path.join(dir, 'none.db'), 'rfm', '--help']);
    expect(commandModules(rfm)).toEqual(['rfm']);
    expect(rfm.filter((u) => /node_modules\/(hyparquet|exceljs|echarts|saxes|iconv-lite)\//.test(u))).toEqual([]);
    // help without a command lists every command
    expect(commandModules(loaded(['--help'])).length).toBeGreaterThan(15);
  });

  it('the main thread loads no message catalogue before it starts the command; `--version` and `import` no analytics (the numbers help quotes are loaded for help)', () => {
    writeFileSync(list, '');
    const main = spawnSync(process.execPath, ['--import', pathToFileURL(register).href, '-e', `import(${JSON.stringify(pathToFileURL(path.join(repoRoot, 'dist', 'bundle', 'cli-thread.js')).href)})`], { encoding: 'utf8', env });
    expect(main.status, main.stderr).toBe(0);
    const mainThread = modules(readFileSync(list, 'utf8').split('\n').filter(Boolean)).filter((u) => u.includes('/dist/'));
    expect(mainThread.length).toBeGreaterThan(0);
    expect(mainThread.filter((u) => u.includes('/dist/report/'))).toEqual([]);
    const analytics = (urls: string[]) => urls.filter((u) => u.includes('/dist/analytics/'));
    expect(analytics(loaded(['--version']))).toEqual([]);
    expect(analytics(loaded(['--db', path.join(dir, 'import.db'), 'import', fixture('generic', 'utf8.csv')]))).toEqual([]);
    expect(analytics(loaded(['--db', path.join(dir, 'none.db'), 'import', '--help'])).length).toBeGreaterThan(0);
  });

  it('an import loads none of the reports\' options and output, nor the help (commander\'s in the user\'s language); `import --help` does', () => {
    const ours = (urls: string[], module: string) => urls.filter((u) => u.endsWith(`/dist/${module}`));
    const imported = loaded(['--db', path.join(dir, 'plain.db'), 'import', fixture('generic', 'utf8.csv')]);
    for (const module of ['cli/options.js', 'cli/help-lang.js', 'cli/first-import-wait.js', 'output/render.js', 'output/table.js']) expect(ours(imported, module), module).toEqual([]);
    expect(imported.filter((u) => u.includes('/node_modules/chalk/'))).toEqual([]);
    const help = loaded(['--db', path.join(dir, 'none.db'), 'import', '--help']);
    expect(ours(help, 'cli/help-lang.js')).toHaveLength(1);
  });

  it('an import read by a reading thread loads the reading half (map-file, the adapters, read) in that thread only', () => {
    // a file just over THREAD_MIN_BYTES (8 MB) of few rows: each line carries a long column no adapter reads
    const big = path.join(dir, 'wide.csv');
    const note = 'x'.repeat(500);
    writeFileSync(big, 'order_id,customer,date,amount,note\n' + Array.from({ length: 17000 }, (_, i) => `o${i},c${i % 900},2024-01-0${1 + (i % 9)},${i}.00,${note}`).join('\n'));
    expect(sizeOf(big)).toBeGreaterThan(8 << 20);
    const times = (urls: string[], module: string) => urls.filter((u) => u.endsWith(`/dist/import/${module}`)).length;
    // the hook is registered in every thread: a module both threads load is listed twice
    const threaded = loaded(['--db', path.join(dir, 'wide.db'), 'import', big]);
    for (const module of ['map-file.js', 'platforms/registry.js', 'platforms/generic.js', 'read.js', 'csv-tokenizer.js']) expect(times(threaded, module), module).toBe(1);
    expect(times(threaded, 'mapped-codec.js')).toBe(2);
    // a platform named is checked on the command's thread (a usage error before the store is opened)
    expect(times(loaded(['--db', path.join(dir, 'wide2.db'), 'import', '--platform', 'generic', big]), 'platforms/registry.js')).toBe(2);
  });
});

// The binary runs a bundle (dist/bundle/, scripts/bundle.js), where every module of dist/ sits one or two folders
// from where it sits in src/: a file of the package read from a module's own URL, or a thread's script found next
// to the module that starts it, works from the sources and still fails here. Each command that does either runs
// once through the binary, from another directory.
describe('the bundle: commands that read a file of the package or start a thread', () => {
  const dir = tempDir();
  const cli = (...argv: string[]) => spawnSync(process.execPath, [bin, ...argv], { encoding: 'utf8', env, cwd: dir });
  const demo = path.join(dir, 'demo.db');

  it('selftest reads the CDNOW sample (fixtures/) and passes', () => {
    const r = cli('selftest');
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/all \d+ checks passed/);
  });

  it('demo reads fixtures/demo; report writes its charts (echarts) into one HTML file; export writes Parquet', () => {
    const r = cli('demo', '--keep', demo);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('Database summary');
    const html = path.join(dir, 'demo.html');
    const report = cli('--db', demo, 'report', '--out', html, '--as-of', '2026-01-01');
    expect(report.status, report.stderr).toBe(0);
    expect(readFileSync(html, 'utf8')).toMatch(/<svg[^>]*>/);
    const parquet = path.join(dir, 'orders.parquet');
    const exported = cli('--db', demo, 'export', 'orders', '--out', parquet);
    expect(exported.status, exported.stderr).toBe(0);
    expect(readFileSync(parquet).subarray(0, 4).toString()).toBe('PAR1');
  });

  it('ltv fits its models in a worker thread (the fit worker loads from the bundle, not inline)', () => {
    const db = path.join(dir, 'cdnow.db');
    expect(cli('--db', db, 'import', fixture('cdnow_sample.csv')).status).toBe(0);
    const r = cli('--db', db, '--debug', 'ltv', '--as-of', '1998-07-01');
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/orderlens: debug: model fit on [\d,]+ distinct \(x, t_x, T\) rows in a worker thread/);
  });

  it('imports an xlsx workbook', () => {
    const r = cli('--db', path.join(dir, 'xlsx.db'), 'import', fixture('taobao', 'qianniu_order_export_20240506.xlsx'));
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/qianniu_order_export_20240506\.xlsx: read 7, inserted 4/);
  });
});

// scripts/bundle.js: in the bundle, the message catalogue is dist/bundle/messages.json, read by the catalogue's
// module, not a literal every thread that speaks or throws parses as JavaScript (the reading thread included)
describe('the bundle: the message catalogue', () => {
  const meta = JSON.parse(readFileSync(path.join(repoRoot, 'dist', 'bundle', 'meta.json'), 'utf8')) as { inputs: Record<string, unknown>; outputs: Record<string, { bytes: number; inputs: Record<string, unknown> }> };

  it('is the catalogue of the sources, key for key and text for text, in the same order', async () => {
    const { MESSAGES } = await import('../src/report/messages.js');
    const bundled = JSON.parse(readFileSync(path.join(repoRoot, 'dist', 'bundle', 'messages.json'), 'utf8')) as unknown;
    expect(bundled).toStrictEqual(MESSAGES);
    expect(Object.keys(bundled as object)).toEqual(Object.keys(MESSAGES));
  });

  it('is in no script of the bundle: none of its parts is bundled, and the module that holds it is small', () => {
    expect(Object.keys(meta.inputs).filter((i) => /-messages\.js$/.test(i))).toEqual([]);
    const holder = Object.entries(meta.outputs).filter(([, out]) => Object.hasOwn(out.inputs, 'dist/report/messages.js'));
    expect(holder).toHaveLength(1);
    expect(holder[0][1].bytes).toBeLessThan(20_000);
  });

  it('says a message in Chinese through the binary, from another directory', async () => {
    const { MESSAGES } = await import('../src/report/messages.js');
    const dir = tempDir();
    const r = spawnSync(process.execPath, [bin, '--db', path.join(dir, 'none.db'), 'rfm'], { encoding: 'utf8', env: { ...env, ORDERLENS_LANG: 'zh' }, cwd: dir });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(MESSAGES['db.missing'].zh.split('{')[0]);
  });
});

// a copy of the package whose better-sqlite3 lacks its compiled part (`npm install --ignore-scripts`, a folder
// copied to another machine): bindings' error listed every path it tried, joined into one unreadable line
describe('the binary without its SQLite engine', () => {
  it('says so in one line with what to run (npm rebuild better-sqlite3, in the package\'s folder), exit 1', () => {
    const dir = tempDir();
    const pkg = path.join(dir, 'orderlens');
    for (const part of ['bin', path.join('dist', 'bundle')]) cpSync(path.join(repoRoot, part), path.join(pkg, part), { recursive: true });
    cpSync(path.join(repoRoot, 'package.json'), path.join(pkg, 'package.json'));
    const modules = path.join(repoRoot, 'node_modules');
    mkdirSync(path.join(pkg, 'node_modules'));
    for (const name of readdirSync(modules)) {
      if (name === 'better-sqlite3' || name.startsWith('.')) continue;
      symlinkSync(path.join(modules, name), path.join(pkg, 'node_modules', name));
    }
    // better-sqlite3 as it is before its install script built it
    const sqlite = path.join(modules, 'better-sqlite3');
    cpSync(sqlite, path.join(pkg, 'node_modules', 'better-sqlite3'), { recursive: true, filter: (src) => !/^(build|deps|src)(\/|\\|$)/.test(path.relative(sqlite, src)) });
    const cli = (...argv: string[]) => spawnSync(process.execPath, [path.join(pkg, 'bin', 'orderlens.js'), ...argv], { encoding: 'utf8', env, cwd: dir });
    for (const argv of [['--db', path.join(dir, 'new.db'), 'import', fixture('generic', 'utf8.csv')], ['--db', path.join(dir, 'new.db'), 'info']]) {
      const r = cli(...argv);
      expect(r.status, r.stderr).toBe(1);
      expect(r.stderr.trimEnd().split('\n'), r.stderr).toHaveLength(1);
      expect(r.stderr).toContain(`run 'npm rebuild better-sqlite3' in ${pkg}, then try again`);
      expect(r.stderr).toContain(`in Node ${process.version} (Could not locate the bindings file.)`);
      expect(r.stderr).not.toContain('\\x0a');
    }
    const zh = spawnSync(process.execPath, [path.join(pkg, 'bin', 'orderlens.js'), '--db', path.join(dir, 'new.db'), 'info'], { encoding: 'utf8', env: { ...env, ORDERLENS_LANG: 'zh' }, cwd: dir });
    expect(zh.stderr).toContain(`请在 ${pkg} 中运行 'npm rebuild better-sqlite3'`);
  });
});
