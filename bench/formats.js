/**
 * Import throughput of the other formats (part of `npm run bench`, or alone; not part of npm test): a Taobao
 * classic order report (订单报表, GBK, CRLF, the 61-column 2020 header, `="…"` ids, `'null` cells, `元` suffixes)
 * and a generic .xlsx workbook (the 5 generic columns, one sheet), both of the same seeded orders as
 * bench/generate.js, next to the generic CSV of those orders and `sqlite3 .import` of that CSV (the yardstick).
 * For each file: a fresh import, the same file again (its bytes recognised: not read again), and the export of
 * a day later with 1% of the orders refunded since (the same orders as `generate.js --changed 0.01`) over a
 * copy of the fresh import's database (row chunks: only the chunks with a change are read). Each step runs as
 * its own process under /usr/bin/time; the files take turns within each run.
 *
 *   node bench/formats.js [--rows 1m] [--runs 3] [--out BENCHMARKS.md] [--no-write]
 *
 * The section it writes into BENCHMARKS.md sits between the `bench-formats:begin` / `bench-formats:end` markers,
 * placed after the `npm run bench` section (which writes it too: `npm run bench -- --formats 1m|none`).
 */
import { closeSync, copyFileSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { makeRandom, parseSize, simulateOrders, writeGeneric } from './generate.js';
import { median, timedProcess } from './process-time.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outDir = path.join(root, 'bench', 'out');
const bin = path.join(root, 'bin', 'orderlens.js');
const SEED = 20240601;
const VERSION = 2;
/** The share of orders the re-export has refunded since (as run.js's generic files). */
const CHANGED = 0.01;

const TAOBAO_HEADER =
  '订单编号,买家会员名,买家支付宝账号,支付单号,支付详情,买家应付货款,买家应付邮费,买家支付积分,总金额,返点积分,买家实际支付金额,买家实际支付积分,订单状态,买家留言,收货人姓名,收货地址 ,运送方式,联系电话 ,联系手机,订单创建时间,订单付款时间 ,宝贝标题 ,宝贝种类 ,物流单号 ,物流公司,订单备注,宝贝总数量,店铺Id,店铺名称,订单关闭原因,卖家服务费,买家服务费,发票抬头,是否手机订单,分阶段订单信息,特权订金订单id,是否上传合同照片,是否上传小票,是否代付,定金排名,修改后的sku,修改后的收货地址,异常信息,天猫卡券抵扣,集分宝抵扣,是否是O2O交易,新零售交易类型,新零售导购门店名称,新零售导购门店id,新零售发货门店名称,新零售发货门店id,退款金额,预约门店,确认收货时间,打款商家金额,含应开票给个人的个人红包,是否信用购,体验期结束时间,前N有礼,配送类型,主订单编号';
const TITLES = ['Python数据分析从入门到精通', '"Java从入门到精通（第5版）,C语言从入门到精通"', '纯棉T恤 男款 白色 XL', '保温杯 500ml', '无线蓝牙耳机'];
const CITIES = ['浙江省 杭州市 西湖区 ***', '广东省 深圳市 南山区 ***', '北京 北京市 朝阳区 ***', '四川省 成都市 武侯区 ***'];
const START_MS = Date.UTC(2023, 0, 1);
const pad2 = (v) => (v < 10 ? '0' : '') + v;
const money = (cents) => `${(cents / 100) | 0}.${pad2(cents % 100)}`;
const stamp = (d, sec) => {
  const t = new Date(START_MS + d * 86_400_000 + sec * 1000);
  return `${t.getUTCFullYear()}-${pad2(t.getUTCMonth() + 1)}-${pad2(t.getUTCDate())} ${pad2(t.getUTCHours())}:${pad2(t.getUTCMinutes())}:${pad2(t.getUTCSeconds())}`;
};

/**
 * The orders' statuses, with `changed` of the counted ones refunded since: the same draws as generate.js's
 * writeGeneric, so the three files of a day later refund the same orders.
 */
function statusesOf(o, seed, changed) {
  const later = makeRandom(seed ^ 0x5bd1e995);
  const status = Uint8Array.from(o.status.subarray(0, o.n));
  let refunded = 0;
  for (let i = 0; i < o.n; i++) {
    if (changed > 0 && later.uniform() < changed && status[i] === 0) {
      status[i] = 2;
      refunded++;
    }
  }
  return { status, refunded };
}

/** A Taobao classic order report of `lines` orders, GBK-encoded, CRLF. */
function writeTaobao(file, lines, seed, changed) {
  const o = simulateOrders(lines, seed, false);
  const { status: statuses, refunded } = statusesOf(o, seed, changed);
  const fd = openSync(file, 'w');
  let parts = [TAOBAO_HEADER + '\r\n'];
  let size = 0;
  const flush = () => {
    writeSync(fd, iconv.encode(parts.join(''), 'gbk'));
    parts = [];
    size = 0;
  };
  for (let i = 0; i < o.n; i++) {
    const id = String(2875123456789012341n + BigInt(i));
    const c = o.customer[i];
    const buyer = `tb_${(Math.imul(c + 1, 0x9e3779b1) >>> 0).toString(36)}`;
    const paid = o.amount[i];
    const postage = paid >= 9900 ? 0 : 1000;
    const s = statuses[i];
    const status = s === 1 ? '交易关闭' : s === 2 ? '交易关闭' : i % 8 === 6 ? '卖家已发货，等待买家确认' : i % 8 === 7 ? '买家已付款，等待卖家发货' : '交易成功';
    const created = stamp(o.day[i], o.seconds[i]);
    const paidAt = s === 1 ? '' : stamp(o.day[i], Math.min(86399, o.seconds[i] + 72));
    const close = s === 1 ? '买家不想买了' : s === 2 ? '退款' : '订单未关闭';
    const refund = s === 2 ? money(paid + postage) : '0.00';
    const total = money(paid + postage);
    const title = TITLES[(c + i) % TITLES.length];
    const city = CITIES[c % CITIES.length];
    parts.push(
      `="${id}",${buyer},tb***@163.com,="2019030122${id.slice(3)}",支付宝:${total},${money(paid)},${money(postage)},0,${total},0,${s === 1 ? '0.00' : total},0,${status},'null,张**,${city},快递,'null,'182********,${created},${paidAt},${title},1,No:YT${id.slice(6)},圆通速递,'null,1,123456789,明日书店,${close},0,'0元,,手机订单,,,,,,,,,,,,,,,,,,${refund},,,${total}元,,,,,,="${id}"\r\n`,
    );
    if (++size >= 4096) flush();
  }
  flush();
  closeSync(fd);
  return { rows: o.n, orders: o.n, customers: o.customers, changed: refunded };
}

/** A generic workbook of `lines` orders: the same columns and values as the generic CSV, dates as text. */
async function writeXlsx(file, lines, seed, changed) {
  const o = simulateOrders(lines, seed, false);
  const { status: statuses, refunded } = statusesOf(o, seed, changed);
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: false, useStyles: false });
  const ws = wb.addWorksheet('orders');
  ws.addRow(['order_id', 'customer', 'date', 'amount', 'status']).commit();
  for (let i = 0; i < o.n; i++) {
    const s = statuses[i];
    const status = s === 1 ? 'cancelled' : s === 2 ? 'refunded' : 'completed';
    const customer = 'C' + (Math.imul(o.customer[i] + 1, 0x9e3779b1) >>> 0).toString(36).toUpperCase().padStart(7, '0');
    ws.addRow([String(100000000 + i), customer, stamp(o.day[i], o.seconds[i]), o.amount[i] / 100, status]).commit();
  }
  await wb.commit();
  return { rows: o.n, orders: o.n, customers: o.customers, changed: refunded };
}

async function dataset(kind, size, changed = 0) {
  const lines = parseSize(size);
  const file = path.join(outDir, `formats-${kind}-${size}${changed ? '-changed' : ''}.${kind === 'xlsx' ? 'xlsx' : 'csv'}`);
  const metaFile = file + '.json';
  const want = { kind, lines, seed: SEED, version: VERSION, changed };
  if (existsSync(file) && existsSync(metaFile)) {
    const meta = JSON.parse(readFileSync(metaFile, 'utf8'));
    if (Object.entries(want).every(([k, v]) => meta[k] === v)) return { file, ...meta };
  }
  process.stderr.write(`generating ${file} …\n`);
  const stats =
    kind === 'taobao' ? writeTaobao(file, lines, SEED, changed) : kind === 'xlsx' ? await writeXlsx(file, lines, SEED, changed) : writeGeneric(file, lines, SEED, { changed });
  const meta = { ...want, rows: stats.rows, orders: stats.orders, customers: stats.customers, refunded: stats.changed };
  writeFileSync(metaFile, JSON.stringify(meta));
  return { file, ...meta };
}

const fmtN = (n) => Math.round(n).toLocaleString('en-US');

const fmtS = (x) => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));

const KINDS = [
  { kind: 'generic', label: 'generic CSV (5 columns, UTF-8)', args: [] },
  { kind: 'taobao', label: 'Taobao 订单报表 (61 columns, GBK, CRLF)', args: ['--platform', 'taobao'] },
  { kind: 'xlsx', label: 'generic .xlsx workbook (5 columns, one sheet)', args: [] },
];

const removeDb = (db) => {
  for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(db + suffix, { force: true });
};

/**
 * Times the three files of `size` orders (`runs` runs, the steps taking turns) and returns the markdown section
 * (between its markers).
 */
export async function benchFormats({ size = '1m', runs = 3 } = {}) {
  mkdirSync(outDir, { recursive: true });
  const data = {};
  const later = {};
  for (const k of KINDS) {
    data[k.kind] = await dataset(k.kind, size);
    later[k.kind] = await dataset(k.kind, size, CHANGED);
  }
  const started = new Date();
  const load = os.loadavg().map((l) => l.toFixed(1)).join(' ');
  const samples = { yardstick: [] };
  for (const k of KINDS) samples[k.kind] = { fresh: [], again: [], changed: [] };
  const log = (what, t) => process.stderr.write(`[formats ${size}] ${what} ${t.wall.toFixed(2)} s (${t.cpu.toFixed(2)} s CPU, ${t.rss.toFixed(0)} MB)\n`);
  const importOk = (db, k, file, key) => {
    const t = timedProcess(outDir, process.execPath, [bin, '--db', db, 'import', ...k.args, file], { stdout: 'pipe' });
    if (!/rejected 0 /.test(t.stdout)) throw new Error(`${k.kind}: ${t.stdout}`);
    samples[k.kind][key].push(t);
    log(`${k.kind} ${key}`, t);
    return t;
  };
  for (let i = 0; i < runs; i++) {
    const yard = path.join(outDir, 'formats-yard.db');
    removeDb(yard);
    const y = timedProcess(outDir, 'sqlite3', [yard, `.import --csv ${data.generic.file} orders`]);
    samples.yardstick.push(y);
    log('sqlite3 .import', y);
    removeDb(yard);
    for (const k of KINDS) {
      const db = path.join(outDir, `formats-${k.kind}.db`);
      const copy = path.join(outDir, `formats-${k.kind}.changed.db`);
      removeDb(db);
      importOk(db, k, data[k.kind].file, 'fresh');
      removeDb(copy);
      for (const suffix of ['', '-wal']) if (existsSync(db + suffix)) copyFileSync(db + suffix, copy + suffix);
      importOk(db, k, data[k.kind].file, 'again');
      const t = importOk(copy, k, later[k.kind].file, 'changed');
      if (!new RegExp(`updated ${later[k.kind].refunded},`).test(t.stdout)) throw new Error(`${k.kind} re-export: ${t.stdout}`);
      removeDb(db);
      removeDb(copy);
    }
  }
  const med = (list, f) => median(list.map(f));
  const yWall = med(samples.yardstick, (x) => x.wall);
  const yCpu = med(samples.yardstick, (x) => x.cpu);
  const cell = (list) => `${fmtS(med(list, (x) => x.wall))} s (${fmtS(med(list, (x) => x.cpu))} s CPU, ${Math.max(...list.map((x) => x.rss)).toFixed(0)} MB)`;
  // the ratio to the yardstick run by run (the two took turns), as run.js gives it
  const paired = (list) => med(list.map((x, r) => x.wall / samples.yardstick[r].wall), (v) => v).toFixed(2);
  const lines = [
    '<!-- bench-formats:begin (written by `node bench/formats.js` and `npm run bench`; edit outside these markers) -->',
    `### Other formats (\`node bench/formats.js --rows ${size} --runs ${runs}\`)`,
    '',
    `Run ${started.toISOString().slice(0, 16).replace('T', ' ')} UTC on ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'}, load average at the start ${load} (wall times count waiting for a CPU: compare CPU). The same ${fmtN(data.generic.rows)} seeded orders (${fmtN(data.generic.customers)} customers) in three files; each imported into a fresh database, then again (the same bytes: not read again), then the export of a day later with ${fmtN(later.generic.refunded)} orders refunded since over a copy of the fresh database (row chunks: only chunks with a change are read). Medians of ${runs} runs, the steps taking turns with \`sqlite3 .import --csv\` of the CSV: ${fmtS(yWall)} s (${fmtS(yCpu)} s CPU). Ratios: of the wall times run by run, and of the median CPU times.`,
    '',
    '| file | size | fresh import | rows/s (wall; CPU) | ÷ `.import` of the CSV (wall; CPU) | again (same bytes) | 1% refunded since | ÷ `.import` (wall; CPU) |',
    '|---|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const k of KINDS) {
    const s = samples[k.kind];
    const mb = statSync(data[k.kind].file).size / 2 ** 20;
    const wall = med(s.fresh, (x) => x.wall);
    const cpu = med(s.fresh, (x) => x.cpu);
    const cCpu = med(s.changed, (x) => x.cpu);
    lines.push(
      `| ${k.label} | ${mb < 10 ? mb.toFixed(1) : mb.toFixed(0)} MB | ${cell(s.fresh)} | ${fmtN(data[k.kind].rows / wall)}; ${fmtN(data[k.kind].rows / cpu)} | ${paired(s.fresh)}×; ${(cpu / yCpu).toFixed(2)}× | ${cell(s.again)} | ${cell(s.changed)} | ${paired(s.changed)}×; ${(cCpu / yCpu).toFixed(2)}× |`,
    );
  }
  lines.push('<!-- bench-formats:end -->');
  return lines.join('\n');
}

/** Puts the section into `file`: in place of the old one, else after the `npm run bench` section, else at the end. */
export function writeFormatsSection(file, section) {
  const old = existsSync(file) ? readFileSync(file, 'utf8') : '# Benchmarks\n';
  const begin = old.indexOf('<!-- bench-formats:begin');
  const end = old.indexOf('<!-- bench-formats:end -->');
  const after = old.indexOf('<!-- bench:end -->');
  let next;
  if (begin >= 0 && end > begin) next = old.slice(0, begin) + section + old.slice(end + '<!-- bench-formats:end -->'.length);
  else if (after >= 0) {
    const at = after + '<!-- bench:end -->'.length;
    next = old.slice(0, at) + '\n\n' + section + old.slice(at);
  } else next = old.trimEnd() + '\n\n' + section + '\n';
  writeFileSync(file, next);
}

async function main() {
  const args = process.argv.slice(2);
  const flag = (name, otherwise) => (args.includes(name) ? args[args.indexOf(name) + 1] : otherwise);
  const section = await benchFormats({ size: flag('--rows', '1m'), runs: Number(flag('--runs', '3')) });
  process.stdout.write(section + '\n');
  if (!args.includes('--no-write')) writeFormatsSection(path.resolve(flag('--out', path.join(root, 'BENCHMARKS.md'))), section);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
