/**
 * The help of every command and option from the message catalogue (src/report/help-messages.ts), in the
 * language of the command line (`--lang zh`) or else of the environment (ORDERLENS_LANG, LC_ALL, LC_MESSAGES,
 * LANG): `LANG=zh_CN.UTF-8 orderlens rfm --help` is Chinese. Chinese lines wrap at any character and count
 * CJK characters two columns wide.
 */
import { Help, type Argument, type Command, type Option } from 'commander';
import { textWidth } from '../output/table.js';
import { wrapText } from './wrap-text.js';
import { MESSAGES, say, sayKnown, type Lang } from '../report/messages.js';
import { argvLang } from './env-lang.js';
import { examplesBlock } from './help-examples.js';

/** The language help is written in: `--lang zh|en` anywhere on the command line, else the environment's. */
export const helpLang = argvLang;

/** The catalogue key of a command (`campaign split` → help.cmd.campaign.split) and its options' keys, in lookup order. */
export function commandPath(cmd: Command): string {
  const names: string[] = [];
  for (let c: Command | null = cmd; c !== null; c = c.parent) names.unshift(c.name());
  return names.length === 1 ? names[0] : names.slice(1).join('.');
}

export function optionKeys(cmd: Command, flag: string): string[] {
  const name = flag.replace(/^-+/, '');
  return [`help.${commandPath(cmd)}.${name}`, `help.opt.${name}`];
}

const TITLES: Record<string, string> = { 'Usage:': 'usage', 'Arguments:': 'arguments', 'Options:': 'options', 'Global Options:': 'global', 'Commands:': 'commands' };

/** Whether commander prints an option's default (as Help.optionDescription decides). */
function showsDefault(o: Option): boolean {
  return o.defaultValue !== undefined && (o.required || o.optional || (o.isBoolean() && typeof o.defaultValue === 'boolean'));
}

/** A description with commander's `(choices: …, default: …)` said in Chinese: `（可选：a、b；默认：a）`. */
function withExtras(description: string, choices: readonly string[] | undefined, defaultValue: string | undefined, envVar: string | undefined): string {
  const extra: string[] = [];
  if (choices) extra.push(say('zh', 'helpExtra.choices', { list: choices.join('、') }));
  if (defaultValue !== undefined) extra.push(say('zh', 'helpExtra.default', { value: defaultValue.replace(/^"(.*)"$/, '$1') }));
  if (envVar !== undefined) extra.push(say('zh', 'helpExtra.env', { name: envVar }));
  if (extra.length === 0) return description;
  return `${description}（${extra.join('；')}）`;
}

/**
 * Puts the catalogue's help text into `cmd` and its subcommands, in `lang`; the text after the options and the
 * examples wrap at `width` columns (the terminal's: help-layout.ts) when it is under HELP_WIDTH.
 */
export function localizeHelp(cmd: Command, lang: Lang, width = HELP_WIDTH): void {
  const said = sayKnown(lang, `help.cmd.${commandPath(cmd)}`);
  if (said !== undefined) cmd.description(said);
  cmd.helpOption('-h, --help', sayKnown(lang, 'help.opt.help'));
  for (const o of cmd.options) {
    const flag = o.long ?? o.short;
    const text = flag === undefined ? undefined : optionKeys(cmd, flag).map((k) => sayKnown(lang, k)).find((t) => t !== undefined);
    if (text !== undefined) o.description = text;
  }
  for (const a of cmd.registeredArguments) {
    const text = sayKnown(lang, `help.arg.${commandPath(cmd)}.${a.name()}`);
    if (text !== undefined) a.description = text;
  }
  if (lang === 'zh') {
    cmd.configureHelp({
      ...cmd.configureHelp(),
      styleTitle: (title: string) => (TITLES[title] ? (sayKnown('zh', `help.title.${TITLES[title]}`) ?? title) : title),
      displayWidth: (s: string) => textWidth(s),
      optionDescription: (o: Option) => withExtras(o.description, o.argChoices, showsDefault(o) ? o.defaultValueDescription || JSON.stringify(o.defaultValue) : undefined, o.envVar),
      argumentDescription: (a: Argument) => withExtras(a.description, a.argChoices, a.defaultValue === undefined ? undefined : a.defaultValueDescription || JSON.stringify(a.defaultValue), undefined),
      subcommandTerm(this: Help, c: Command): string {
        return Help.prototype.subcommandTerm.call(this, c).replace('[options]', say('zh', 'helpExtra.usageOptions'));
      },
      commandUsage(this: Help, c: Command): string {
        return Help.prototype.commandUsage.call(this, c).replace('[options]', say('zh', 'helpExtra.usageOptions')).replace('[command]', say('zh', 'helpExtra.usageCommand'));
      },
      boxWrap(this: Help, str: string, width: number): string {
        if (width < this.minWidthToWrap) return str;
        return str
          .split(/\r?\n/)
          .map((line) => wrapText(line, width, '').join('\n'))
          .join('\n');
      },
    });
  }
  // made when the help is shown (commander prints nothing for ''): making every command's text on every
  // run took about a tenth of a small report's time
  const path = commandPath(cmd);
  cmd.addHelpText('after', () => {
    const after = afterText(path, lang, width);
    const examples = examplesBlock(path.replace(/\./g, ' '), lang, Math.min(width, HELP_WIDTH));
    return [after === undefined ? undefined : `\n${after}`, examples].filter((t) => t !== undefined).join('\n');
  });
  for (const sub of cmd.commands) localizeHelp(sub, lang, width);
}

/**
 * Help text in `width` columns (Chinese, and English, which breaks only at spaces): a line too long goes on under its own indent, plus two for an item
 * (`  --by customer ...`), or under the second column of a two-column row (`  orders     库里的全部订单`).
 */
export function wrapChinese(text: string, width: number): string {
  return text
    .split('\n')
    .map((line) => {
      if (textWidth(line) <= width) return line;
      const lead = /^ */.exec(line)![0].length;
      const column = /^( +\S+(?: \S+)*? {2,})\S/.exec(line);
      const indent = column && textWidth(column[1]) <= 24 ? textWidth(column[1]) : lead > 4 ? lead : lead > 0 ? lead + 2 : 0;
      return wrapText(line, width, ' '.repeat(indent)).join('\n');
    })
    .join('\n');
}

/**
 * The help text after the options wraps at 80 columns, English and Chinese alike, or at a narrower terminal's
 * width: 80 is the width a seller's terminal often has (the catalogue's texts are one line per paragraph or
 * item; wrapChinese breaks English at spaces).
 */
const HELP_WIDTH = 80;

/** The numbers (and the JSON example) the help texts quote from code: help.after.* take them as parameters. */
type HelpParams = Record<'k' | 'kFrom' | 'kTo' | 'minRepeat' | 'confidence', number> & Record<'mapHead' | 'mapTail', string>;
let helpParams: HelpParams | null = null;

/**
 * Loads the numbers the help texts quote (loadHelpParams before any help is shown: main.ts). They live in
 * analytics modules (a model's thresholds among them) that a command which shows no help never loads.
 */
export async function loadHelpParams(): Promise<void> {
  if (helpParams) return;
  const [churn, kmeans, lift, snapshot] = await Promise.all([import('../analytics/churn.js'), import('../analytics/kmeans.js'), import('../analytics/lift-tests.js'), import('../analytics/snapshot.js')]);
  helpParams = {
    k: churn.DEFAULT_K,
    kFrom: kmeans.AUTO_K_RANGE[0],
    kTo: kmeans.AUTO_K_RANGE[1],
    minRepeat: snapshot.SNAPSHOT_MIN_REPEAT,
    confidence: lift.CONFIDENCE * 100,
    mapHead: '{"bins":5, "segments":[{"name":"VIP", "zh":"贵宾", "r":[4,5], "fm":[4,5]},',
    mapTail: '{"name":"Others", "rules":[{"r":[1,3]}, {"r":[4,5], "fm":[1,3.5]}]}]}',
  };
}

/** The text after command `path`'s options (help.after.<path>) in `lang`, when the catalogue has one, in `width` columns at most. */
export function afterText(path: string, lang: Lang, width = HELP_WIDTH): string | undefined {
  const key = `help.after.${path}`;
  if (!Object.hasOwn(MESSAGES, key)) return undefined;
  if (!helpParams) throw new Error('afterText: the numbers the help quotes are not loaded (loadHelpParams)');
  const text = (say as (l: Lang, k: string, p: object) => string)(lang, key, helpParams);
  return wrapChinese(text, Math.min(width, HELP_WIDTH));
}
