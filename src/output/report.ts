/**
 * What every report command hands to the output layer: rows of raw values plus column specs. Only the
 * renderer formats (currency, percentages, colour); CSV and JSON carry the raw values.
 */

/**
 * - text: string as is · int: integer · number: decimal (`digits` places in the table view)
 * - money: integer minor units of the report's currency (CSV/JSON: decimal with a dot, table: `¥1,840.00`)
 * - percent: a fraction (0.25; CSV/JSON: 0.25, table: `25.0%`)
 * - day: `YYYY-MM-DD` string
 * A null or undefined value is an empty cell (CSV), null (JSON), blank (table).
 */
export type ColumnKind = 'text' | 'int' | 'number' | 'money' | 'percent' | 'day';

export interface Column {
  /** snake_case key: the CSV header and the JSON property. */
  key: string;
  /**
   * The row property that holds the value, where it is not `key`: so that a report can hand on an
   * analytic's rows as they are (a million customers' rows copied only to rename a field cost seconds).
   */
  field?: string;
  /** Table header in Chinese (the detected language or `--lang zh`); the CSV header only under an explicit `--lang zh`; JSON keys never change. */
  zh?: string;
  /**
   * Table view only: a shorter header (`rev%` for share_revenue) and its Chinese form, used when the table with
   * its full headers is wider than the terminal. CSV and JSON never use them.
   */
  short?: string;
  zhShort?: string;
  /** Table view: an identifier a reader may copy (customer_key); a narrow table leaves it out rather than cut it. */
  whole?: boolean;
  /**
   * Table view: the words a code in this column is shown as (`at_risk` → `at risk`); CSV and JSON carry the
   * code, the value a script filters on.
   */
  shown?: Readonly<Record<string, string>>;
  /**
   * Table view: a long text (a sentence, a path, a list) wraps onto more lines of its row when the terminal is
   * too narrow for it, at spaces, after `/` and between Chinese characters, instead of being cut with `…`.
   */
  wrap?: boolean;
  /**
   * Table view: how long a narrow table keeps this column once the report's `drop` columns are gone and it is
   * still too wide: it leaves out the columns of lowest `keep` first (0 when not given), from the last among
   * equals. What a report is read for (a customer's segment, a check's result) outlasts the figures beside it.
   */
  keep?: number;
  kind: ColumnKind;
  /** Decimal places for `number` and `percent` in the table view. */
  digits?: number;
  /**
   * `number` only: keep this many significant digits in CSV/JSON (instead of 6 decimal places) and show
   * `digits` significant digits in the table: for estimates that span many orders of magnitude.
   */
  significant?: number;
  /**
   * Table view of a `number` column whose rows hold different quantities (rfm --show-edges: days, orders,
   * money): the row field that gives this row's decimal places (`121` days, `6,422.00` in money), so every
   * value of one quantity reads alike. CSV and JSON carry the raw numbers.
   */
  rowDigits?: string;
  /**
   * Table view: shade cells by value (a heatmap), e.g. cohort matrices. `true` scales the column on its own;
   * a name puts every column with that name on one shared scale (a whole matrix).
   */
  heat?: boolean | string;
}

export type Row = Record<string, string | number | null | undefined>;

/** Columns that say something about money: amounts, and shares, averages and models of them. */
const MONEY_KEY = /revenue|monetary|spend|clv|aov|gini/;

/**
 * The report without its money columns (for purchases without amounts): the columns left out, by key, and
 * the report as it is when there are none.
 */
export function withoutMoney(report: Report): { report: Report; dropped: string[] } {
  const dropped = report.columns.filter((c) => c.kind === 'money' || MONEY_KEY.test(c.key)).map((c) => c.key);
  if (dropped.length === 0) return { report, dropped };
  return { report: { ...report, columns: report.columns.filter((c) => !dropped.includes(c.key)) }, dropped };
}

export interface Report {
  columns: Column[];
  rows: Row[];
  /** Currency of every `money` column. */
  currency?: string;
  /**
   * Table view of a matrix whose columns from `fixed` on are periods 0, 1, 2 … (cohorts): when they do not all
   * fit the terminal, the table shows every row with its labels whole and the first periods that fit (what a
   * retention triangle is read for: each cohort's early periods, compared down the columns), and one line,
   * `notShown(first, last)` in the reader's language, naming the periods left out (the full headers of the first
   * and the last of them; equal when one is left out). Empty columns past the last value are not counted.
   */
  matrix?: { fixed: number; notShown: (first: string, last: string) => string };
  /**
   * Table view: column keys the table may leave out, least important first, when it is wider than the terminal:
   * it drops as few as make the rest fit (text cut no shorter than a readable label) and names them in one line
   * pointing at --format csv, instead of turning into one record per block. A list of keys goes together (an
   * interval's low and high). CSV and JSON keep every column.
   */
  drop?: readonly (string | readonly string[])[];
  /**
   * Table view of a matrix too wide for the terminal even with short headers: the same cells as a list (one
   * row per non-empty cell), shown instead, with `line` (in the reader's language) saying so. CSV and JSON
   * keep the matrix.
   */
  list?: { report: Report; line: string };
  /**
   * Table view of a report of a few rows and many columns (a lift table: groups × measures) too wide for the
   * terminal even with short headers: turned, one line per column (its header first, under `head`) and one
   * column per row (headed by the row's first cell), cells formatted as their own column's, with `line` (in the
   * reader's language) saying so. CSV and JSON keep the rows.
   */
  turn?: { head: string; line: string };
  /**
   * Lines printed on stderr (never stdout): notes the user should read, such as excluded customers; plain text,
   * or a message of the catalogue (key and parameters) that the CLI says in the user's language.
   */
  notes?: (string | { readonly key: string; readonly params: Readonly<Record<string, unknown>> })[];
}
