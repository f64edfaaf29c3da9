/**
 * Rejects in file order. A mapper says a row's reject when it knows it: a row without an order id at once,
 * a bad amount when the order its rows make is complete, a repeated order when it is written. So rejects
 * arrive a little out of line order (line 6 before line 5). This window holds the latest ones in a heap by
 * line and lets the lowest go once it holds more than WINDOW rejects (or their cells more than WINDOW_CHARS
 * characters), and all at the end: file order whenever no reject arrives more than WINDOW rejects late
 * (that needs one order spanning over a thousand rejected rows), with bounded memory for a million rejects.
 */
export interface Ordered {
  line: number;
  cells: readonly string[] | null;
}

const WINDOW = 1024;
const WINDOW_CHARS = 8 << 20;

export class RejectOrder<T extends Ordered> {
  private readonly heap: { item: T; seq: number; chars: number }[] = [];
  private seq = 0;
  private chars = 0;

  constructor(
    private readonly emit: (item: T) => void,
    private readonly window = WINDOW,
    private readonly windowChars = WINDOW_CHARS,
  ) {}

  add(item: T): void {
    let chars = 0;
    for (const c of item.cells ?? []) chars += c.length;
    this.heap.push({ item, seq: this.seq++, chars });
    this.chars += chars;
    this.up(this.heap.length - 1);
    while (this.heap.length > this.window || (this.heap.length > 1 && this.chars > this.windowChars)) this.pop();
  }

  /** Lets every held reject go, lowest line first. */
  flush(): void {
    while (this.heap.length > 0) this.pop();
  }

  private pop(): void {
    const top = this.heap[0];
    const last = this.heap.pop() as (typeof this.heap)[number];
    if (this.heap.length > 0) {
      this.heap[0] = last;
      this.down(0);
    }
    this.chars -= top.chars;
    this.emit(top.item);
  }

  private less(a: number, b: number): boolean {
    const x = this.heap[a];
    const y = this.heap[b];
    return x.item.line < y.item.line || (x.item.line === y.item.line && x.seq < y.seq);
  }

  private up(i: number): void {
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.less(i, parent)) return;
      this.swap(i, parent);
      i = parent;
    }
  }

  private down(i: number): void {
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < this.heap.length && this.less(l, m)) m = l;
      if (r < this.heap.length && this.less(r, m)) m = r;
      if (m === i) return;
      this.swap(i, m);
      i = m;
    }
  }

  private swap(a: number, b: number): void {
    const t = this.heap[a];
    this.heap[a] = this.heap[b];
    this.heap[b] = t;
  }
}
