/**
 * The terminal table's rendering time against its rows (part of `npm run bench`; alone:
 * `node bench/table-render.js` after `npm run build`). A per-customer report of 25k, 50k and 100k seeded rows
 * is rendered as a full table (as `--format table --limit 0` writes it to a file or pipe) and as on an
 * 80-column terminal; linear rendering shows as a flat time per row. cli-table3, used before, took 33 s for
 * 16,600 rows (growing with the square of the rows).
 */
import { performance } from 'node:perf_hooks';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SIZES = [25_000, 50_000, 100_000];

function report(n) {
  let s = 20240601;
  const rnd = () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 4294967296;
  };
  const rows = Array.from({ length: n }, (_, i) => ({
    customer_key: `h:${Math.floor(rnd() * 1e12).toString(16)}`,
    customer: i % 3 === 0 ? `张${i}***` : `c***${i % 97}@example.com`,
    platform: 'taobao',
    shop: 'flagship',
    orders: 1 + Math.floor(rnd() * 20),
    revenue: Math.floor(rnd() * 1e7),
    first_order: '2024-01-05',
    last_order: '2025-06-30',
  }));
  return {
    currency: 'CNY',
    columns: [
      { key: 'customer_key', kind: 'text' },
      { key: 'customer', kind: 'text' },
      { key: 'platform', kind: 'text' },
      { key: 'shop', kind: 'text' },
      { key: 'orders', kind: 'int' },
      { key: 'revenue', kind: 'money' },
      { key: 'first_order', kind: 'day' },
      { key: 'last_order', kind: 'day' },
    ],
    rows,
  };
}

/** Markdown lines: rows, full-table time, 80-column time, µs per row. */
export async function benchTableRender() {
  const { render } = await import(pathToFileURL(path.join(root, 'dist', 'output', 'render.js')).href);
  const lines = ['### Terminal table rendering (`bench/table-render.js`)', '', '| rows | full table | 80 columns | µs per row (full) |', '|---:|---:|---:|---:|'];
  for (const n of SIZES) {
    const r = report(n);
    const time = (opts) => {
      const best = [];
      for (let k = 0; k < 3; k++) {
        const t = performance.now();
        render(r, { format: 'table', color: false, ...opts });
        best.push(performance.now() - t);
      }
      return Math.min(...best);
    };
    const full = time({});
    const narrow = time({ width: 80 });
    lines.push(`| ${n.toLocaleString('en-US')} | ${(full / 1000).toFixed(2)} s | ${(narrow / 1000).toFixed(2)} s | ${((full * 1000) / n).toFixed(1)} |`);
  }
  lines.push('');
  return lines;
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) process.stdout.write((await benchTableRender()).join('\n') + '\n');
