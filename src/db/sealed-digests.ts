/**
 * Digests of raw file content that a store keeps for later imports, keyed with the key file's secret
 * (db/key-file.ts). Unkeyed, each was a check for a guess at a buyer: a file's SHA-256 (imports.sha256, for
 * re-imports of the same bytes: db/import-replay.ts) over a file of a few rows, or a row chunk's digest
 * (row_chunks: db/row-chunks.ts) over a chunk of one order — rebuild the row from the stored day, amount and
 * status, try every phone the masked form `138****5678` allows, and compare. Keyed, a copy of the database
 * without the key file gives nothing to compare with.
 */
import { createCipheriv, createDecipheriv, createHmac } from 'node:crypto';

/** What is stored for a file's SHA-256 (hex): an HMAC of it, hex. The same bytes give the same value under one key. */
export function sealFileDigest(secret: string, sha256: string): string {
  return createHmac('sha256', secret).update(`file:${sha256}`).digest('hex');
}

/** Row chunk digests are encrypted in 16-byte blocks (AES-128, a key of its own derived from the secret). */
export const CHUNK_BLOCK = 16;

function chunkKey(secret: string): Buffer {
  return createHmac('sha256', secret).update('orderlens row chunk digests').digest().subarray(0, 16);
}

/**
 * `blocks` (a whole number of 16-byte blocks) encrypted (`seal`) or decrypted (`open`), block by block: each
 * block is its own, so equal blocks stay equal (a chunk is found again by its digest) and nothing else shows.
 */
export function chunkBlocks(secret: string, blocks: Buffer, mode: 'seal' | 'open'): Buffer {
  if (blocks.length % CHUNK_BLOCK !== 0) throw new Error(`row chunk blocks: ${blocks.length} bytes is not a whole number of blocks`);
  if (blocks.length === 0) return Buffer.alloc(0);
  const cipher = mode === 'seal' ? createCipheriv('aes-128-ecb', chunkKey(secret), null) : createDecipheriv('aes-128-ecb', chunkKey(secret), null);
  cipher.setAutoPadding(false);
  return Buffer.concat([cipher.update(blocks), cipher.final()]);
}

/**
 * chunkBlocks(secret, ·, 'seal') for part after part of one import, with one cipher made here: ECB without padding
 * seals each whole block on its own, so the cipher is used again as it is. Made before the import writes its
 * orders: the first cipher of a process (its module's first use) made V8 drop the writer's optimised code.
 */
export function chunkSealer(secret: string): (blocks: Buffer) => Buffer {
  const cipher = createCipheriv('aes-128-ecb', chunkKey(secret), null);
  cipher.setAutoPadding(false);
  return (blocks) => {
    if (blocks.length % CHUNK_BLOCK !== 0) throw new Error(`row chunk blocks: ${blocks.length} bytes is not a whole number of blocks`);
    return cipher.update(blocks);
  };
}
