/**
 * Options people reach for by meaning rather than by spelling: `--store` for `--shop`, `--timezone` for `--tz`.
 * Commander suggests names spelled alike (`--shp` → `--shop`), which misses these, and can suggest the wrong
 * one (`rfm --store` is spelled like `--sort`): a name listed here is answered with the option it means, when
 * the command has it.
 */

/** Option → the names people type for it (lowercase, without a value). */
const MEANT: Readonly<Record<string, readonly string[]>> = {
  '--shop': ['--store', '--stores', '--seller', '--shop-name', '--shopname', '--store-name', '--storename', '--merchant', '--shop-id', '--store-id'],
  '--tz': ['--timezone', '--time-zone', '--zone', '--tzname'],
  '--platform': ['--marketplace', '--site', '--source-platform'],
  '--encoding': ['--charset', '--codepage', '--code-page'],
  '--db': ['--database', '--db-file', '--dbfile', '--db-path'],
  '--as-of': ['--asof', '--as-at', '--reference-date', '--ref-date', '--today'],
  '--lang': ['--language', '--locale'],
  '--max-rejects': ['--max-errors', '--maxrejects', '--max-bad-rows', '--max-rejected'],
  '--rejects': ['--rejects-file', '--reject-file', '--rejected-file', '--errors-file', '--bad-rows'],
  '--keep-pii': ['--pii', '--keep-personal-data', '--no-hash', '--no-mask'],
  '--out': ['--output', '--output-file', '--outfile'],
};

const BY_NAME: ReadonlyMap<string, string> = new Map(Object.entries(MEANT).flatMap(([option, names]) => names.map((n) => [n, option] as const)));

/**
 * The option `typed` (as given: `--store`, `--store=North`) most likely means, among the options the command
 * takes (`known`: long names); null when it is not a name listed here or the command lacks that option.
 */
export function meantOption(typed: string, known: readonly string[]): string | null {
  const name = typed.split('=')[0].toLowerCase();
  const option = BY_NAME.get(name);
  return option !== undefined && known.includes(option) ? option : null;
}
