/**
 * The normalized order every platform adapter produces and the store keeps.
 */

/** Normalized order status. `unknown` keeps a status text no adapter recognised (never counted as revenue). */
export const ORDER_STATUSES = ['pending', 'paid', 'shipped', 'completed', 'cancelled', 'refunded', 'partially_refunded', 'unknown'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

/** Statuses that count as a purchase in every report. Pending, cancelled, fully refunded and unknown never do. */
export const COUNTED_STATUSES: readonly OrderStatus[] = ['paid', 'shipped', 'completed', 'partially_refunded'];

/** What kind of value identifies a buyer; decides whether it is personal data (hashed + masked) or kept as given. */
export type BuyerKind = 'id' | 'email' | 'phone' | 'name';

export interface BuyerIdentity {
  /** The identifier as found in the file (trimmed). */
  value: string;
  kind: BuyerKind;
}

export interface OrderItem {
  line: number;
  sku: string | null;
  title: string | null;
  quantity: number;
  /** Minor units. */
  unitPrice: number | null;
  /** Minor units. */
  lineTotal: number | null;
}

/** The items of an order without item lines: one array for all of them, never written to (frozen). */
export const NO_ITEMS: OrderItem[] = Object.freeze([]) as unknown as OrderItem[];

export interface NormalizedOrder {
  /** Platform order id, always a string (19-digit ids overflow doubles). */
  orderId: string;
  /** Null where the export carries no buyer (Amazon All Orders, current Pinduoduo …). */
  buyer: BuyerIdentity | null;
  /** UTC instant, ms since 1970-01-01T00:00Z (an integer). */
  orderedMs: number;
  /** The store's local date of the order, days since 1970-01-01 (domain/day.ts). */
  day: number;
  status: OrderStatus;
  /** The status text as the platform wrote it. */
  statusRaw: string | null;
  currency: string;
  /** All amounts in minor units. net = what the buyer paid minus refunds. */
  gross: number;
  discount: number;
  shipping: number;
  refunded: number;
  net: number;
  itemCount: number;
  items: OrderItem[];
  /** 1-based line in the source file where the order starts (for messages). */
  line: number;
}
