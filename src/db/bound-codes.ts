/**
 * Texts of a small fixed set (an order status, a buyer kind) bound as their index in the set and turned back
 * into the text by a CASE in the statement: better-sqlite3 binds a number in about half the time of a text,
 * and an import binds one of these per row.
 */
export interface BoundCodes {
  /** The number to bind for each text. */
  code: ReadonlyMap<string, number>;
  /** `CASE ? WHEN 0 THEN 'a' … END`: one parameter, the code. */
  sql: string;
}

/** Codes for `values` (our own constants); `first` is tested first by the CASE (the most frequent text). */
export function boundCodes(values: readonly string[], first?: string): BoundCodes {
  for (const v of values) if (!/^[a-z_]+$/.test(v)) throw new Error(`boundCodes: '${v}' is not a plain lowercase word`);
  const code = new Map(values.map((v, i) => [v, i]));
  const order = first === undefined ? values : [first, ...values.filter((v) => v !== first)];
  return { code, sql: `CASE ? ${order.map((v) => `WHEN ${code.get(v)} THEN '${v}'`).join(' ')} END` };
}
