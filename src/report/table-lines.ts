/**
 * The lines a terminal table adds below its rows (rows not shown, columns left out), in the reader's language:
 * the catalogue's `table.*` texts are their only source (the output layer takes them as `TableLines`).
 */
import type { TableLines } from '../output/table.js';
import { say, type Lang } from './messages.js';

export function tableLines(lang: Lang): TableLines {
  return {
    more: (n) => say(lang, 'table.moreRows', { n }),
    dropped: (names, more) =>
      names.length === 0
        ? say(lang, 'table.droppedCount', { n: more })
        : more > 0
        ? say(lang, 'table.droppedMore', { names, more })
        : names.length === 1
          ? say(lang, 'table.droppedOne', { name: names[0] })
          : say(lang, 'table.dropped', { names }),
  };
}
