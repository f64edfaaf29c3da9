/**
 * Status texts of Chinese marketplaces, which write the same status with a full-width or an ASCII comma
 * (`买家已付款，等待卖家发货`) and sometimes with spaces. Platform tables are written with ASCII commas.
 */
import type { OrderStatus } from '../../domain/order.js';
import { statusFrom } from '../status.js';

export function chineseStatus(text: string, extra?: Record<string, OrderStatus>): OrderStatus {
  return statusFrom(text.replace(/，/g, ',').replace(/\s+/g, ''), extra);
}
