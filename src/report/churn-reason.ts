/**
 * The churn report's `reason` column: a customer's status with the numbers behind it, in the report's
 * language (`churned: 212 days since last order; usual gap 30 days; 6 orders, ¥1,840.00`).
 */
import type { ChurnRow } from '../analytics/churn.js';
import { displayMoney } from '../domain/money.js';
import { say, type Lang } from './messages.js';

export function churnReason(lang: Lang, row: ChurnRow, currency: string): string {
  const common = { status: say(lang, `churn.status.${row.status}`), days: row.days_since_last, orders: row.orders, revenue: displayMoney(row.revenue, currency) };
  return row.usual_gap_days === null ? say(lang, 'churn.reason.once', common) : say(lang, 'churn.reason.repeat', { ...common, gap: row.usual_gap_days });
}
