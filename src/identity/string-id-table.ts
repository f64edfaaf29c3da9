/**
 * The string hash the import's row chunks use (row-chunks.ts, byte-chunks.ts): FNV-1a over UTF-16 code units
 * with a murmur3 finalizer. It decides which rows end a chunk, and so the chunk digests stored with an import:
 * it must not change without the chunk format (CHUNK_FORMAT) changing with it. (The file's name is that of the
 * buyer table it came with; buyers are now numbered in buyer-table.ts.)
 */
export function hashOf(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}
