/**
 * The binary runs orderlens in a child process and stays beside it as a small supervisor, for one reason:
 * a signal must be answered even while the child is busy in a long synchronous step (an ltv fit on a big
 * shop, a report's predictions, SQLite waiting for a lock), when its own JavaScript handlers cannot run.
 *
 * On Ctrl-C or SIGTERM the supervisor passes the signal on and gives the child a moment to answer itself
 * (`interrupted: …`, its half-written files removed: interrupt.ts). A child that does not answer in time is
 * stopped (SIGKILL); the supervisor then removes the temporary output files the child told it about and prints
 * the same one line, exit 130 (Ctrl-C) or 143 (SIGTERM). A child that is storing an import (its activity is
 * set) is never stopped: it answers between batches, and SQLite's commit is not cut short.
 *
 * The child tells the supervisor what it does over an inherited socket (fd 3), one JSON object a line:
 * `{"activity": text|null}`, `{"temp": path}` and `{"done": path}` for temporary output files, `{"answering": true}`
 * when its own handler runs. When the supervisor dies (kill -9), the child sees the socket close and stops too.
 */
import { spawn } from 'node:child_process';
import { constants } from 'node:os';
import { rmSync } from 'node:fs';
import type { Readable } from 'node:stream';

/** Environment variable that names a child's supervisor (its pid): see supervisorChannel. */
export const SUPERVISOR_ENV = 'ORDERLENS_SUPERVISOR';
/** The child's end of the socket to its supervisor. */
export const SUPERVISOR_FD = 3;
/** How long a child has to answer a signal itself before it is stopped. */
const GRACE_MS = 400;

/** A message from the child. */
export interface SupervisorMessage {
  activity?: string | null;
  temp?: string;
  done?: string;
  answering?: true;
}

/**
 * Whether this process runs under a supervisor (it was started by one, which is its parent): then fd 3 is the
 * socket to it. An environment variable alone is not trusted (a variable left exported in a shell), only one
 * that names this process's parent.
 */
export function isSupervised(env: Record<string, string | undefined>): boolean {
  return env[SUPERVISOR_ENV] !== undefined && env[SUPERVISOR_ENV] === String(process.ppid);
}

/**
 * Runs `node script ...args` as a supervised child and exits as it exits (its exit code, or 128 + the signal
 * that ended it). @public (bin/orderlens.js, through dist/)
 */
export function supervise(script: string, args: readonly string[]): void {
  const child = spawn(process.execPath, [...process.execArgv, script, ...args], {
    stdio: ['inherit', 'inherit', 'inherit', 'pipe'],
    env: { ...process.env, [SUPERVISOR_ENV]: String(process.pid) },
  });
  let activity: string | null = null;
  let answering = false;
  const temps = new Set<string>();
  /** The exit code of the signal passed on (130, 143); null until one comes. */
  let requested: number | null = null;
  let timer: NodeJS.Timeout | null = null;

  const channel = child.stdio[SUPERVISOR_FD] as Readable;
  let pending = '';
  channel.setEncoding('utf8');
  channel.on('data', (chunk: string) => {
    pending += chunk;
    for (let nl = pending.indexOf('\n'); nl >= 0; nl = pending.indexOf('\n')) {
      const line = pending.slice(0, nl);
      pending = pending.slice(nl + 1);
      let m: SupervisorMessage;
      try {
        m = JSON.parse(line) as SupervisorMessage;
      } catch {
        continue;
      }
      if (m.activity !== undefined) activity = m.activity;
      if (m.temp !== undefined) temps.add(m.temp);
      if (m.done !== undefined) temps.delete(m.done);
      if (m.answering) answering = true;
    }
  });
  channel.on('error', () => {});

  const onSignal = (signal: 'SIGINT' | 'SIGTERM', code: number) => () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    requested ??= code;
    try {
      child.kill(signal);
    } catch {
      // gone already
    }
    // storing an import: the child answers between batches; its commit is not cut short
    if (activity !== null || timer !== null) return;
    timer = setTimeout(() => {
      if (answering || child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGKILL');
    }, GRACE_MS);
  };
  process.on('SIGINT', onSignal('SIGINT', 130));
  process.on('SIGTERM', onSignal('SIGTERM', 143));
  child.on('error', (e) => {
    process.stderr.write(`orderlens: error: cannot start: ${e.message}\n`);
    process.exit(1);
  });
  child.on('exit', (code, signal) => {
    if (timer) clearTimeout(timer);
    // ended by the signal passed on (before its handlers were installed) or stopped here: answer for it
    if (requested !== null && signal !== null) {
      for (const t of temps) rmSync(t, { force: true });
      process.stderr.write(`orderlens: interrupted${activity ? `: ${activity}` : ''}\n`);
      process.exit(requested);
    }
    process.exit(code ?? 128 + (signal ? (constants.signals[signal] ?? 0) : 0));
  });
}
