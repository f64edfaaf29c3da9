/**
 * Import throughput of the other formats (not part of npm test): a Taobao classic order report (订单报表,
 * GBK, CRLF, the 61-column 2020 header, `="…"` ids, `'null` cells, `元` suffixes) and a generic .xlsx
 * workbook (the 5 generic columns, one sheet), both of the same seeded orders as bench/generate.js, next to
 * the generic CSV of those orders; each import runs as its own process under /usr/bin/time, into a fresh
 * database, the runs taking turns.
 *
 *   node bench/formats.js [--rows 1m] [--runs 3] [--out BENCHMARKS.md] [--no-write]
 *
 * The section it writes into BENCHMARKS.md sits between the `bench-formats:begin` / `bench-formats:end`
 * markers (npm run bench leaves it alone).
 */
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { parseSize, simulateOrders, writeGeneric } from './generate.js';
import { median, timedProcess } from './process-time.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outDir = path.join(root, 'bench', 'out');
const bin = path.join(root, 'bin', 'orderlens.js');
const SEED = 20240601;
const VERSION = 1;

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

/** A Taobao classic order report of `lines` orders, GBK-encoded, CRLF. */
function writeTaobao(file, lines, seed) {
  const o = simulateOrders(lines, seed, false);
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
    const s = o.status[i];
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
  return { rows: o.n, orders: o.n, customers: o.customers };
}

/** A generic workbook of `lines` orders: the same columns and values as the generic CSV, dates as text. */
async function writeXlsx(file, lines, seed) {
  const o = simulateOrders(lines, seed, false);
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: false, useStyles: false });
  const ws = wb.addWorksheet('orders');
  ws.addRow(['order_id', 'customer', 'date', 'amount', 'status']).commit();
  for (let i = 0; i < o.n; i++) {
    const s = o.status[i];
    const status = s === 1 ? 'cancelled' : s === 2 ? 'refunded' : 'completed';
    const customer = 'C' + (Math.imul(o.customer[i] + 1, 0x9e3779b1) >>> 0).toString(36).toUpperCase().padStart(7, '0');
    ws.addRow([String(100000000 + i), customer, stamp(o.day[i], o.seconds[i]), o.amount[i] / 100, status]).commit();
  }
  await wb.commit();
  return { rows: o.n, orders: o.n, customers: o.customers };
}

async function dataset(kind, size) {
  const lines = parseSize(size);
  const file = path.join(outDir, `formats-${kind}-${size}.${kind === 'xlsx' ? 'xlsx' : 'csv'}`);
  const metaFile = file + '.json';
  const want = { kind, lines, seed: SEED, version: VERSION };
  if (existsSync(file) && existsSync(metaFile)) {
    const meta = JSON.parse(readFileSync(metaFile, 'utf8'));
    if (Object.entries(want).every(([k, v]) => meta[k] === v)) return { file, ...meta };
  }
  process.stderr.write(`generating ${file} …\n`);
  const stats = kind === 'taobao' ? writeTaobao(file, lines, SEED) : kind === 'xlsx' ? await writeXlsx(file, lines, SEED) : writeGeneric(file, lines, SEED);
  writeFileSync(metaFile, JSON.stringify({ ...want, ...stats }));
  return { file, ...want, ...stats };
}

const fmtN = (n) => Math.round(n).toLocaleString('en-US');

async function main() {
  const args = process.argv.slice(2);
  const flag = (name, otherwise) => (args.includes(name) ? args[args.indexOf(name) + 1] : otherwise);
  const size = flag('--rows', '1m');
  const runs = Number(flag('--runs', '3'));
  const out = path.resolve(flag('--out', path.join(root, 'BENCHMARKS.md')));
  mkdirSync(outDir, { recursive: true });
  const kinds = [
    { kind: 'generic', label: 'generic CSV (5 columns, UTF-8)', args: [] },
    { kind: 'taobao', label: 'Taobao 订单报表 (61 columns, GBK)', args: ['--platform', 'taobao'] },
    { kind: 'xlsx', label: 'generic .xlsx workbook (5 columns)', args: [] },
  ];
  const data = {};
  for (const k of kinds) data[k.kind] = await dataset(k.kind, size);
  const started = new Date();
  const samples = Object.fromEntries(kinds.map((k) => [k.kind, []]));
  for (let i = 0; i < runs; i++) {
    for (const k of kinds) {
      const db = path.join(outDir, `formats-${k.kind}.db`);
      for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(db + suffix, { force: true });
      const t = timedProcess(outDir, process.execPath, [bin, '--db', db, 'import', ...k.args, data[k.kind].file], { stdout: 'pipe' });
      if (!/rejected 0 /.test(t.stdout)) throw new Error(`${k.kind}: ${t.stdout}`);
      samples[k.kind].push(t);
      process.stderr.write(`[${k.kind} ${size}] ${t.wall.toFixed(2)} s (${t.cpu.toFixed(2)} s CPU, ${t.rss.toFixed(0)} MB)\n`);
      for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(db + suffix, { force: true });
    }
  }
  const lines = [
    '<!-- bench-formats:begin (written by `node bench/formats.js`; edit outside these markers) -->',
    `### Other formats (\`node bench/formats.js --rows ${size} --runs ${runs}\`)`,
    '',
    `Run ${started.toISOString().slice(0, 16).replace('T', ' ')} UTC on ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'}, load average at the start ${os.loadavg().map((l) => l.toFixed(1)).join(' ')} (wall times count waiting for a CPU: compare CPU). The same ${fmtN(data.generic.rows)} seeded orders in three files, each imported into a fresh database; medians of ${runs} runs taking turns.`,
    '',
    '| file | size | `orderlens import` | rows/s (wall) | rows/s (CPU) | peak RSS |',
    '|---|---:|---:|---:|---:|---:|',
  ];
  for (const k of kinds) {
    const s = samples[k.kind];
    const wall = median(s.map((x) => x.wall));
    const cpu = median(s.map((x) => x.cpu));
    const mb = statSync(data[k.kind].file).size / 2 ** 20;
    lines.push(`| ${k.label} | ${mb.toFixed(0)} MB | ${wall.toFixed(2)} s (${cpu.toFixed(2)} s CPU) | ${fmtN(data[k.kind].rows / wall)} | ${fmtN(data[k.kind].rows / cpu)} | ${Math.max(...s.map((x) => x.rss)).toFixed(0)} MB |`);
  }
  lines.push('<!-- bench-formats:end -->');
  const section = lines.join('\n');
  process.stdout.write(section + '\n');
  if (!args.includes('--no-write')) {
    const old = existsSync(out) ? readFileSync(out, 'utf8') : '# Benchmarks\n';
    const begin = old.indexOf('<!-- bench-formats:begin');
    const end = old.indexOf('<!-- bench-formats:end -->');
    const next = begin >= 0 && end > begin ? old.slice(0, begin) + section + old.slice(end + '<!-- bench-formats:end -->'.length) : old.trimEnd() + '\n\n' + section + '\n';
    writeFileSync(out, next);
  }
}

await main();
