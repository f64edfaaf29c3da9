/**
 * The main thread's side of an interruption (interrupt.ts is the command's side): what the command said an
 * interruption would leave undone, and the `step` words both threads share. It loads no message catalogue:
 * the binary's main thread starts the command's thread first, and says a line only when a signal comes (the
 * command's thread tells it the line in its language as soon as it runs; cli-thread.ts makes one itself for a
 * signal heard before that).
 */

/** What an interruption does before the exit: remove a path (a file or a folder), or open a FIFO for writing. */
export type Undo = { remove: string } | { openFifo: string };

/** What the command's thread tells the main thread. */
export type StateMessage = { line: string } | { add: number; undo: Undo } | { drop: number };

/** `step` word values: the command runs; a step is under way that must end whole; the main thread is stopping it. */
export const RUNNING = 0;
export const WHOLE = 1;
export const STOPPING = 2;
/** The second word: 1 once the main thread has been asked to stop (it may be waiting for a whole step). */
export const ASKED = 1;

/**
 * The main thread's view of the command (cli-thread.ts): the line to print (null until the command's thread
 * has said one) and what to undo, as the command said them; `step` is shared with the command's thread.
 */
export class InterruptView {
  line: string | null = null;
  private readonly undos = new Map<number, Undo>();

  constructor(readonly step: Int32Array) {}

  /** One message from tellInterrupts' port, in order. */
  take(m: StateMessage): void {
    if ('line' in m) this.line = m.line;
    else if ('add' in m) this.undos.set(m.add, m.undo);
    else this.undos.delete(m.drop);
  }

  /** Waits until no uninterrupted step is under way, and makes sure none begins. */
  async holdSteps(): Promise<void> {
    Atomics.store(this.step, ASKED, 1);
    while (Atomics.compareExchange(this.step, 0, RUNNING, STOPPING) === WHOLE) await new Promise((resolve) => setTimeout(resolve, 5));
  }

  /** The FIFOs to open before the command's thread is stopped. */
  fifos(): string[] {
    return [...this.undos.values()].flatMap((u) => ('openFifo' in u ? [u.openFifo] : []));
  }

  /** The paths to remove once it has stopped. */
  removals(): string[] {
    return [...this.undos.values()].flatMap((u) => ('remove' in u ? [u.remove] : []));
  }
}

/** New shared `step` words. */
export function stepWords(): Int32Array {
  return new Int32Array(new SharedArrayBuffer(8));
}
