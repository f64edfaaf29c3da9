/**
 * What the terminal table and the report notes say to a reader about what they see (hrep's block of the
 * catalogue; spread into MESSAGES in messages.ts, held to both languages and the same parameters like the rest).
 */
export const VIEW_MESSAGES = {
  'table.dropped': { en: '… not shown: {names} (--format csv has them)', zh: '… 未显示：{names}（--format csv 含全部列）' },
  'table.droppedMore': { en: '… not shown: {names} and {more} more (--format csv has them)', zh: '… 未显示：{names}，还有 {more} 列（--format csv 含全部列）' },
} as const;
