/**
 * An opened input file as the importer reads it, whatever its format (delimited text in read.ts, workbooks in
 * read-xlsx.ts): a type of its own so the two readers need not import each other.
 */
import type { SourceRow } from './adapter.js';
import type { Said } from '../report/said.js';

export interface OpenedFile {
  /** `utf8`, `gb18030`, … or `xlsx`. */
  encoding: string;
  delimiter: string;
  /** SHA-256 of the file's bytes, complete once `rows` has been read to the end. */
  sha256: () => string;
  /** Every physical record with its 1-based starting line; empty lines are skipped. */
  rows: AsyncIterable<SourceRow>;
  /**
   * The same records in batches (one per chunk read), where the reader offers them: cheaper than one
   * `await` per row. Read either `rows` or `batches`, not both.
   */
  batches?: AsyncIterable<SourceRow[]>;
  /** The worksheet read, for workbooks. */
  sheet?: string;
  /** What the reader has to say about the file (lines in another encoding): complete once it is read. */
  notes?: () => Said[];
}
