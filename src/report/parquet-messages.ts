/**
 * What reading a Parquet aggregate file (src/import/parquet-records.ts) can say: spread into MESSAGES
 * (messages.ts) with the same rules (both languages, the same parameters).
 */
export const PARQUET_MESSAGES = {
  'parquet.truncated': {
    en: '{file}: is not a whole Parquet file: it starts with PAR1 but does not end with it (cut short while written or copied?)',
    zh: '{file}：不是完整的 Parquet 文件：开头有 PAR1 标记，结尾却没有（写入或复制时被截断了？）',
  },
  'parquet.notParquet': {
    en: '{file}: is named .parquet but does not start with PAR1, so it is not a Parquet file',
    zh: '{file}：文件名是 .parquet，但开头没有 PAR1 标记，不是 Parquet 文件',
  },
  'parquet.unreadable': {
    en: '{file}: cannot be read as Parquet: {why}',
    zh: '{file}：无法按 Parquet 读取：{why}',
  },
  'parquet.badPage': {
    en: '{file}: cannot be read as Parquet: a page header of column {column} is damaged (its sizes are missing or do not fit)',
    zh: '{file}：无法按 Parquet 读取：列 {column} 的页头已损坏（缺少长度，或长度对不上）',
  },
  'parquet.columnType': {
    en: '{file}: column {column} is a Parquet {type}: aggregate columns hold texts, whole numbers, decimals or days (DATE; cast a timestamp to DATE in the store\'s time zone)',
    zh: '{file}：列 {column} 是 Parquet 的 {type} 类型：汇总文件的列只能是文本、整数、小数或日期（DATE；时间戳请先按店铺时区转成 DATE）',
  },
} as const;
