/**
 * Finds English sentences in a text that should be Chinese: three English words in a row, once what may stay
 * in Latin letters is taken out (names, units, codes, things typed as they are).
 */

/** What may stay in Latin letters in a Chinese text. */
export const ALLOWED = [
  /'[^'\n]*'/g, // quoted values, commands as typed ('orderlens import 文件')
  /“[^”\n]*”/g,
  /(?:^|\s)(?:\/|\.\/|[A-Za-z]:\\)[^\s，。；：）]*/g, // file paths
  /\S+\.(?:csv|xlsx|db|html|json)\b/g,
  /--[a-z][a-z-]*(?:[ =](?:[a-z0-9%./:-]+|[A-Z]+))?/g, // flags and their values
  /\borderlens(?: [a-z-]+)*/g, // the program and its commands
  /\b[a-z]+(?:_[a-z0-9]+)+\b/g, // column names, status codes
  /\b(?:BG\/NBD|MBG\/NBD|Pareto\/NBD|Gamma-Gamma|RFM|CLV|AOV|MAE|P\(alive\)|UTC|IANA|UTF-8|GB18030|GBK|CSV|TSV|JSON|HTML|SQLite|Excel|WPS|LibreOffice|ISO)\b/g,
  /\b[A-Z]{3}\b/g, // currency codes
  /\b(?:generic|demo|default|taobao|tmall|jd|pinduoduo|douyin|shopify|woocommerce|amazon|etsy|ebay|shopee|lazada|Shopify|WooCommerce|Etsy|Lazada|Shopee|POP)\b/g,
];

export function englishSentences(text: string): string[] {
  let t = text;
  for (const re of ALLOWED) t = t.replace(re, ' ');
  return [...t.matchAll(/\b[A-Za-z]{2,}(?:[ ,]+[A-Za-z]{2,}){2,}\b/g)].map((m) => m[0]);
}
