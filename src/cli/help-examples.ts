/**
 * Examples for the help of commands whose module does not print its own (`Examples:` in their help text),
 * added by main.ts, so every command's help ends with at least two.
 */
export const HELP_EXAMPLES: Record<string, string[]> = {
  import: [
    'orderlens import ExportOrderList*.csv --shop tmall-flagship',
    'orderlens import orders.csv --platform generic --tz Europe/Berlin --map customer=Email',
    'orderlens import jd.xlsx --dry-run --rejects rejected.csv',
  ],
  info: ['orderlens info', 'orderlens info --format json --out summary.json'],
  platforms: ['orderlens platforms', 'orderlens platforms --format csv'],
  customers: ['orderlens customers --sort revenue:desc --limit 20', 'orderlens customers --platform shopify --out customers.xlsx'],
  demo: ['orderlens demo', 'orderlens demo --keep demo.db --lang zh'],
  snapshots: ['orderlens snapshots', 'orderlens snapshots --format json'],
  selftest: ['orderlens selftest', 'orderlens --debug selftest'],
};
