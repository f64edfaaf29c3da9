/**
 * The order in which one `import` command reads its files. Item reports (Taobao's 宝贝报表,
 * `ExportOrderDetailList*.csv`) attach items to orders already stored, so they go after the other files:
 * `orderlens import ExportOrderDetailList*.csv ExportOrderList*.csv` works in either order.
 */
import path from 'node:path';

function isItemReport(file: string): boolean {
  return /ExportOrderDetailList/i.test(path.basename(file));
}

export function orderForImport(files: readonly string[]): string[] {
  return [...files.filter((f) => !isItemReport(f)), ...files.filter(isItemReport)];
}
