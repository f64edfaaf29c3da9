/**
 * The `--rejects FILE` writer: every rejected row with its file, line and reason, streamed to disk as the
 * import goes (a million rejects hold no memory), into a temporary file renamed into place at the end
 * (output-file.ts). Personal data is masked unless `--keep-pii`: emails anywhere, and every cell of a column
 * whose header names a person, a contact or an address. Cells a spreadsheet would run as a formula are
 * neutralised, as in every CSV orderlens writes.
 */
import { stringify } from 'csv-stringify/sync';
import { maskBuyer } from '../identity/buyer-key.js';
import { classifyBuyer } from '../import/buyer.js';
import type { Reject } from '../import/importer.js';
import { neutralizeCell } from '../output/render.js';
import { OutputFile } from './output-file.js';
import { speak } from '../report/said.js';

/** Headers of columns that hold a person, a contact or an address (case-insensitive, anywhere in the header). */
const PERSONAL_HEADER = /name|e-?mail|phone|mobile|tel\b|address|street|city|zip|post(al)?code|buyer|customer|client|member|recipient|receiver|contact|user|nick|买家|会员|客户|收货|收件|手机|电话|联系|姓名|地址|邮箱|用户|昵称/i;
/** … but not a product, an item or the shop (`Lineitem name`, `商品名称`, `店铺名称`). */
const THING_HEADER = /product|item|sku|title|shop|store|商品|宝贝|标题|店铺/i;
/** … except an id column whose values are opaque ids (customer_id `C00469933`: not personal data). */
const ID_HEADER = /(^|[\s_-])id$|编号|号$/i;

export class RejectsFile {
  private readonly out: OutputFile;
  count = 0;

  constructor(
    readonly file: string,
    private readonly keepPii: boolean,
  ) {
    this.out = OutputFile.open(file);
    this.out.write(stringify([['file', 'line', 'reason', 'row']]));
  }

  add(r: Reject, header: readonly string[] | null): void {
    // each cell neutralised too, for whoever splits the row back into columns
    const cells = r.cells === null ? '' : stringify([r.cells.map((c, i) => neutralizeCell(this.keepPii ? c : maskCell(c, header?.[i])))]).trimEnd();
    this.out.write(stringify([[r.file, String(r.line), speak('en', r.reason), cells].map(neutralizeCell)]));
    this.count++;
  }

  commit(): void {
    this.out.commit();
  }

  abort(): void {
    this.out.abort();
  }
}

/** A cell as a rejects file may show it without --keep-pii. */
export function maskCell(value: string, header: string | undefined): string {
  const v = value.trim();
  if (v === '') return value;
  const buyer = classifyBuyer(v);
  if (buyer.kind === 'email') return maskBuyer(buyer);
  if (header === undefined || !PERSONAL_HEADER.test(header) || THING_HEADER.test(header)) return value;
  if (buyer.kind === 'id' && ID_HEADER.test(header.trim())) return value;
  return maskBuyer(buyer.kind === 'id' ? { value: v, kind: 'name' } : buyer);
}
