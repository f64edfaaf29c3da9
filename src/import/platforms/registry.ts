/**
 * Every platform adapter orderlens knows. Adding a platform = one module in this folder + one entry here.
 * Order matters only for listing; detection ranks by score.
 */
import type { Adapter } from '../adapter.js';
import { amazon } from './amazon.js';
import { douyin } from './douyin.js';
import { ebay } from './ebay.js';
import { etsy } from './etsy.js';
import { generic } from './generic.js';
import { jd } from './jd.js';
import { lazada } from './lazada.js';
import { pinduoduo } from './pinduoduo.js';
import { shopee } from './shopee.js';
import { shopify } from './shopify.js';
import { taobao } from './taobao.js';
import { woocommerce } from './woocommerce.js';

export const ADAPTERS: readonly Adapter[] = [
  taobao,
  jd,
  pinduoduo,
  douyin,
  shopify,
  woocommerce,
  amazon,
  etsy,
  ebay,
  shopee,
  lazada,
  generic,
];

export function adapterById(id: string): Adapter | undefined {
  return ADAPTERS.find((a) => a.id === id);
}
