/**
 * The language of the environment and of a command line, without loading the commands (the binary's main
 * thread needs it for the interruption line before the command's thread has started: cli-thread.ts).
 */
import type { Lang } from '../report/messages.js';
import { UsageError } from '../errors.js';
import { said } from '../report/said.js';

/** `zh_CN.UTF-8`, `zh_TW.Big5`, `zh` → zh; anything else (`en_US.UTF-8`, `C`, `POSIX`) → en. */
export function localeLang(locale: string): Lang {
  return /^zh([_.@-]|$)/i.test(locale.trim()) ? 'zh' : 'en';
}

/** The language of the environment: ORDERLENS_LANG, else LC_ALL, LC_MESSAGES, LANG (the first one not empty). */
export function environmentLang(env: Record<string, string | undefined>): Lang {
  const own = env.ORDERLENS_LANG?.trim();
  if (own) {
    if (/^(en|zh)([_.@-]|$)/i.test(own)) return localeLang(own);
    throw new UsageError(said('cli.lang', { value: own }));
  }
  const locale = [env.LC_ALL, env.LC_MESSAGES, env.LANG].find((v) => v !== undefined && v.trim() !== '');
  return locale === undefined ? 'en' : localeLang(locale);
}

/** The language help is written in: `--lang zh|en` anywhere on the command line, else the environment's. */
export function argvLang(argv: readonly string[], env: Record<string, string | undefined>): Lang {
  for (let i = 0; i < argv.length; i++) {
    const v = argv[i] === '--lang' ? argv[i + 1] : argv[i].startsWith('--lang=') ? argv[i].slice(7) : undefined;
    if (v === 'zh' || v === 'en') return v;
  }
  try {
    return environmentLang(env);
  } catch {
    return 'en'; // a bad ORDERLENS_LANG is reported when a command runs
  }
}
