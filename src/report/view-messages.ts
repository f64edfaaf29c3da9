/**
 * What the terminal table and the report notes say to a reader about what they see (hrep's block of the
 * catalogue; spread into MESSAGES in messages.ts, held to both languages and the same parameters like the rest).
 */
export const VIEW_MESSAGES = {
  'table.droppedOne': { en: '… not shown: {name} (--format csv has it)', zh: '… 未显示：{name}（--format csv 含全部列）' },
  'table.dropped': { en: '… not shown: {names} (--format csv has them)', zh: '… 未显示：{names}（--format csv 含全部列）' },
  'table.droppedMore': { en: '… not shown: {names} and {more} more (--format csv has them)', zh: '… 未显示：{names}，还有 {more} 列（--format csv 含全部列）' },
  'table.droppedCount': { en: '… {n} more {n:column|columns}: --format csv has {n:it|them}', zh: '… 另有 {n} 列未显示（--format csv 可见）' },
  // ---- rfm notes on purchases without amounts (report/rfm-notes.ts) ----
  'rfm.noAmountsScore': {
    en: 'monetary: the purchases have no amounts (a transaction log): every customer has monetary score 1, and the segments rest on recency and frequency alone (fm = f)',
    zh: 'monetary：这些购买记录没有金额（只是交易日志）：每位客户的消费金额得分都是 1，分群只看最近购买和购买频次（fm = f）',
  },
  'rfm.noAmountsScoreMap': {
    en: 'monetary: the purchases have no amounts (a transaction log): every customer has monetary score 1, and your map places them with m = 1',
    zh: 'monetary：这些购买记录没有金额（只是交易日志）：每位客户的消费金额得分都是 1，你的分群方案按 m = 1 归类',
  },
  'rfm.cn8SplitNoAmounts': {
    en: 'cn8: split at the {split}: recent when recency_days < {r}, frequent when frequency > {f}; the purchases have no amounts, so no customer is of high value and only the four general classes have customers',
    zh: 'cn8：以{split}划分：recency_days < {r} 为近，frequency > {f} 为频；购买记录没有金额，没有客户算高价值，只有四个“一般”类有客户',
  },
  // ---- the import's progress line on a terminal (cli/progress.ts) ----
  'progress.reading': { en: '{label}: reading', zh: '{label}：读取中' },
  'progress.rows': { en: '{rows} rows', zh: '{rows} 行' },
  'progress.rate': { en: '{rate} rows/s', zh: '每秒 {rate} 行' },
  'progress.eta': { en: 'ETA {left}', zh: '预计还需 {left}' },
} as const;
