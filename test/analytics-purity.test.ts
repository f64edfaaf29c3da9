/**
 * Analytics return ids, epoch days, minor units and codes with their numbers; the report layer (src/report)
 * turns them into labels and sentences in the user's language (DESIGN.md, issue 15). Checked on the source:
 * - no analytics module imports report/, output/, cli/, db/ or import/, nor the CLI's UsageError;
 * - no string in analytics holds Chinese (names for people live in src/report/messages.ts);
 * - no string of four or more words outside a `throw` (a sentence for people; the names that remain, such as
 *   `Potential loyalist` or `top 5%`, are the stable values CSV and JSON carry);
 * - a refusal a user can meet is a code with its numbers (`throw rangeError('analysis.rfm.bins', {…})`, the words
 *   in src/report/analysis-messages.ts, said in the user's language); the only sentences left in a `throw` are
 *   internal checks that name their function first (`compressBtyd: columns differ in length`), a bug if met.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { repoRoot } from './shared-data.js';

/** Files whose strings are data, with the reason. */
const DATA_FILES: Record<string, string> = {
  'cdnow-selftest.ts': 'the published values it checks, with their quantity names and sources (a citation table)',
};

function analyticsFiles(dir = path.join(repoRoot, 'src', 'analytics')): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return analyticsFiles(full);
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [full] : [];
  });
}

const HAN = /\p{Script=Han}/u;
/** Four words in a row (letters, digits, apostrophes; `P(alive)` and `--days` count as words). */
const SENTENCE = /[\p{L}\d'’()-]+(?:[ ,;:]+[\p{L}\d'’()=<>≤-]+){3,}/u;

/** Every string literal and template of a source text, with its line and whether it sits in a `throw`. */
export function strings(file: string, text: string): { line: number; text: string; inThrow: boolean }[] {
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const out: { line: number; text: string; inThrow: boolean }[] = [];
  const visit = (n: ts.Node): void => {
    if (ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n) || ts.isTemplateExpression(n)) {
      let inThrow = false;
      for (let p: ts.Node | undefined = n.parent; p; p = p.parent) if (ts.isThrowStatement(p)) inThrow = true;
      // a template's literal parts, its ${…} holes as a word
      const t = ts.isTemplateExpression(n) ? [n.head.text, ...n.templateSpans.map((s) => s.literal.text)].join('x') : n.text;
      if (!ts.isImportDeclaration(n.parent) && !ts.isExportDeclaration(n.parent)) out.push({ line: sf.getLineAndCharacterOfPosition(n.getStart()).line + 1, text: t, inThrow });
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return out;
}

/** An internal check's message: the function (or class) it is in, a colon, then what went wrong. */
const INTERNAL = /^[A-Za-z]\w*: /;

export function sentences(file: string, text: string): string[] {
  return strings(file, text)
    .filter((s) => HAN.test(s.text) || (SENTENCE.test(s.text) && !(s.inThrow && INTERNAL.test(s.text))))
    .map((s) => `${path.basename(file)}:${s.line}: ${s.text}`);
}

describe('analytics return numbers and codes, not words for people', () => {
  const files = analyticsFiles();

  it('import neither the report, output, cli, db nor import layers, nor the CLI’s UsageError', () => {
    const bad: string[] = [];
    for (const f of files) {
      const text = readFileSync(f, 'utf8');
      for (const m of text.matchAll(/from\s*['"]([^'"]+)['"]/g)) if (/(^|\/)(report|output|cli|db|import)\//.test(m[1])) bad.push(`${path.basename(f)}: ${m[1]}`);
      if (/\bUsageError\b/.test(text)) bad.push(`${path.basename(f)}: UsageError`);
    }
    expect(bad).toEqual([]);
  });

  it('hold no Chinese and no sentence, but in an internal check', () => {
    const found = files.filter((f) => !(path.basename(f) in DATA_FILES)).flatMap((f) => sentences(f, readFileSync(f, 'utf8')));
    expect(found).toEqual([]);
  });

  it('the check finds what it is for', () => {
    const text = [
      "const a = 'Key customers';",
      "const b = `${n} repeat customers with no spend`;",
      "const c = '重要客户';",
      "throw new RangeError(`k must be a positive number, got ${k}`);",
      "const d = 'top 5%';",
      "throw new RangeError(`flagChurn: the summary is as of day ${a}`);",
      "throw rangeError('analysis.churn.k', { got: String(k) });",
    ].join('\n');
    expect(sentences('x.ts', text)).toEqual(['x.ts:2: x repeat customers with no spend', 'x.ts:3: 重要客户', 'x.ts:4: k must be a positive number, got x']);
  });
});
