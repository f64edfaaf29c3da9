/**
 * Segment migration between two snapshots: how many customers moved from each segment of the first to each
 * segment of the second, and the revenue they brought in between. Customers in the second snapshot only are
 * FLOW_NEW (a row of their own); customers in the first only have left the counted base (FLOW_LEFT, a column of
 * their own: their orders were cancelled or refunded since, or a filter differs). Rows therefore sum to the
 * first snapshot's segment sizes (plus the new customers), columns to the second's (plus those who left).
 * Revenue of a cell = Σ (monetary in the second − monetary in the first) over its customers: the revenue
 * between the two as-of days on the snapshots' monetary basis (0 for those who left). Pure.
 */

/**
 * The row of customers who are only in the second snapshot, and the column of those only in the first (ids
 * that no segment has: the default map has a segment `New`).
 */
export const FLOW_NEW = '(new)';
export const FLOW_LEFT = '(left)';

export interface FlowCustomer {
  /** Stable identity (one string). */
  id: string;
  segment: string;
  /** Minor units. */
  monetary: number;
}

export interface FlowMatrix {
  /** Segment ids of the first snapshot, then FLOW_NEW. */
  from: string[];
  /** Segment ids of the second snapshot, then FLOW_LEFT. */
  to: string[];
  customers: number[][];
  revenue: number[][];
}

export interface Move<T> {
  from: T | null;
  to: T | null;
  fromSegment: string;
  toSegment: string;
  revenue: number;
}

/** Pairs the customers of two snapshots by identity, in the second snapshot's order, then those who left. */
export function pairCustomers<T extends FlowCustomer>(a: readonly T[], b: readonly T[]): Move<T>[] {
  const before = new Map(a.map((c) => [c.id, c]));
  const moves: Move<T>[] = [];
  for (const c of b) {
    const was = before.get(c.id) ?? null;
    before.delete(c.id);
    moves.push({ from: was, to: c, fromSegment: was ? was.segment : FLOW_NEW, toSegment: c.segment, revenue: c.monetary - (was ? was.monetary : 0) });
  }
  for (const was of before.values()) moves.push({ from: was, to: null, fromSegment: was.segment, toSegment: FLOW_LEFT, revenue: 0 });
  return moves;
}

/**
 * The flow matrix over the given segment orders (ids of a scheme); a segment id met in the data but not in the
 * order is appended, so nobody is lost.
 */
export function flowMatrix(a: readonly FlowCustomer[], b: readonly FlowCustomer[], order: readonly string[]): FlowMatrix {
  const moves = pairCustomers(a, b);
  const from = [...order];
  const to = [...order];
  for (const m of moves) {
    if (m.fromSegment !== FLOW_NEW && !from.includes(m.fromSegment)) from.push(m.fromSegment);
    if (m.toSegment !== FLOW_LEFT && !to.includes(m.toSegment)) to.push(m.toSegment);
  }
  from.push(FLOW_NEW);
  to.push(FLOW_LEFT);
  const customers = from.map(() => to.map(() => 0));
  const revenue = from.map(() => to.map(() => 0));
  const rowOf = new Map(from.map((s, i) => [s, i]));
  const colOf = new Map(to.map((s, i) => [s, i]));
  for (const m of moves) {
    const i = rowOf.get(m.fromSegment)!;
    const j = colOf.get(m.toSegment)!;
    customers[i][j]++;
    revenue[i][j] += m.revenue;
  }
  return { from, to, customers, revenue };
}
