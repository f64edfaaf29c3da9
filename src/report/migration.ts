/**
 * The report of `orderlens migration` (the matrix): the segment-to-segment flow between two snapshots, with
 * new customers and those who left the counted base as their own row and column; in a terminal too narrow for
 * the matrix, the same cells as a list (from, to, value, share of the from row).
 */
import { FLOW_LEFT, type flowMatrix } from '../analytics/migration.js';
import type { Column, Report, Row } from '../output/report.js';
import { col } from './columns.js';

/** `Can't lose` → `cant_lose`, `(left the base)` → `left_the_base`: CSV headers. */
function columnKey(id: string): string {
  return id === FLOW_LEFT ? 'left_the_base' : id.toLowerCase().replace(/['’]/g, '').replace(/[^a-z0-9]+/g, '_').replace(/^_|_$/g, '');
}

/**
 * The flow matrix: a row per segment of the earlier snapshot (then new customers), a column per segment of the
 * later one (then those who left), each row's total, and a total row (`totalLabel`). `listLine`: the line the
 * table view adds when it shows the cells as a list.
 */
export function migrationMatrixReport(matrix: ReturnType<typeof flowMatrix>, measure: 'customers' | 'revenue', label: (id: string) => string, currency: string, totalLabel: string, listLine: string): Report {
  const cells = measure === 'customers' ? matrix.customers : matrix.revenue;
  const kind = measure === 'customers' ? 'int' : 'money';
  // a segment nobody is in, came from or went to is left out
  const rowUsed = matrix.from.map((_, i) => matrix.customers[i].some((x) => x > 0));
  const colUsed = matrix.to.map((_, j) => matrix.customers.some((r) => r[j] > 0));
  const columns: Column[] = [col('from_segment')];
  matrix.to.forEach((seg, j) => {
    if (colUsed[j]) columns.push({ key: columnKey(seg), zh: label(seg), kind, heat: 'flow' });
  });
  columns.push({ ...col('total'), kind });
  const rows: Row[] = [];
  const list: Row[] = [];
  const totals: number[] = matrix.to.map(() => 0);
  matrix.from.forEach((seg, i) => {
    if (!rowUsed[i]) return;
    const row: Row = { from_segment: label(seg) };
    let sum = 0;
    matrix.to.forEach((to, j) => {
      totals[j] += cells[i][j];
      sum += cells[i][j];
      if (colUsed[j]) row[columnKey(to)] = cells[i][j];
    });
    row.total = sum;
    rows.push(row);
    matrix.to.forEach((to, j) => {
      if (matrix.customers[i][j] > 0) list.push({ from_segment: label(seg), to_segment: label(to), value: cells[i][j], share_of_from: sum !== 0 ? cells[i][j] / sum : null });
    });
  });
  const total: Row = { from_segment: totalLabel };
  matrix.to.forEach((to, j) => {
    if (colUsed[j]) total[columnKey(to)] = totals[j];
  });
  total.total = totals.reduce((s, x) => s + x, 0);
  rows.push(total);
  const valueCol = measure === 'customers' ? col('customers') : col('revenue_between');
  return {
    columns,
    rows,
    currency,
    list: {
      report: { columns: [col('from_segment'), col('to_segment'), { ...valueCol, field: 'value' }, col('share_of_from')], rows: list, currency },
      line: listLine,
    },
  };
}
