/**
 * The monitoring table over snapshots: per snapshot, customers by segment, the shares of active, at-risk and
 * churned customers, the repeat rate, the churn rate since the snapshot before, average P(alive) and CLV. Pure.
 *
 * - repeat_rate: customers with two or more orders / customers.
 * - active/at_risk/churned shares: of the customers with a churn status (null when none has one).
 * - churn_rate: of the customers not churned in the previous snapshot, the share churned in this one (or gone
 *   from the counted base); null for the first snapshot.
 * - new_customers: customers not in the previous snapshot (all of them in the first).
 * - avg_p_alive, avg_clv: means over the customers that have a value (null when none has).
 */
export interface TrendCustomer {
  id: string;
  segment: string;
  orders: number;
  churnStatus: 'active' | 'at_risk' | 'churned' | null;
  pAlive: number | null;
  clv: number | null;
}

export interface TrendRow {
  customers: number;
  new_customers: number;
  repeat_rate: number;
  active_share: number | null;
  at_risk_share: number | null;
  churned_share: number | null;
  churn_rate: number | null;
  avg_p_alive: number | null;
  avg_clv: number | null;
  /** Customers per segment id. */
  segments: Map<string, number>;
}

export function trendRows(snapshots: readonly (readonly TrendCustomer[])[]): TrendRow[] {
  const out: TrendRow[] = [];
  let previous: Map<string, TrendCustomer> | null = null;
  for (const customers of snapshots) {
    const now = new Map(customers.map((c) => [c.id, c]));
    let repeat = 0;
    let withStatus = 0;
    const status = { active: 0, at_risk: 0, churned: 0 };
    let pSum = 0;
    let pN = 0;
    let clvSum = 0;
    let clvN = 0;
    let fresh = 0;
    const segments = new Map<string, number>();
    for (const c of customers) {
      if (c.orders >= 2) repeat++;
      if (c.churnStatus !== null) {
        withStatus++;
        status[c.churnStatus]++;
      }
      if (c.pAlive !== null) {
        pSum += c.pAlive;
        pN++;
      }
      if (c.clv !== null) {
        clvSum += c.clv;
        clvN++;
      }
      if (!previous?.has(c.id)) fresh++;
      segments.set(c.segment, (segments.get(c.segment) ?? 0) + 1);
    }
    let churnRate: number | null = null;
    if (previous) {
      let base = 0;
      let lost = 0;
      for (const [id, c] of previous) {
        if (c.churnStatus === null || c.churnStatus === 'churned') continue;
        base++;
        const later = now.get(id);
        if (!later || later.churnStatus === 'churned') lost++;
      }
      churnRate = base > 0 ? lost / base : null;
    }
    const n = customers.length;
    const share = (k: number) => (withStatus > 0 ? k / withStatus : null);
    out.push({
      customers: n,
      new_customers: fresh,
      repeat_rate: n > 0 ? repeat / n : 0,
      active_share: share(status.active),
      at_risk_share: share(status.at_risk),
      churned_share: share(status.churned),
      churn_rate: churnRate,
      avg_p_alive: pN > 0 ? pSum / pN : null,
      avg_clv: clvN > 0 ? clvSum / clvN : null,
      segments,
    });
    previous = now;
  }
  return out;
}
