/**
 * HTML built by construction: `html\`<td>${value}</td>\`` escapes every interpolated value unless it is
 * already Html (made by this tag, or an SVG string from the chart renderer checked by trustedSvg). Customer
 * names, shop names and product titles can hold `<script>`: there is no way to put them in unescaped.
 */

/** A piece of HTML that is safe to insert as it is. Only this module makes one. */
export class Html {
  private constructor(readonly text: string) {}
  /** @internal */
  static of(text: string): Html {
    return new Html(text);
  }
  toString(): string {
    return this.text;
  }
}

export type HtmlValue = Html | string | number | null | undefined | readonly HtmlValue[];

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text → HTML text, safe in element content and in quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

function piece(v: HtmlValue): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Html) return v.text;
  if (Array.isArray(v)) return v.map(piece).join('');
  return escapeHtml(String(v));
}

/** The template tag: literal parts stay, interpolations are escaped (arrays joined, null/undefined empty). */
export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): Html {
  let out = strings[0];
  for (let i = 0; i < values.length; i++) out += piece(values[i]) + strings[i + 1];
  return Html.of(out);
}

/** A style sheet written in this program (never data): checked to hold no end tag. */
export function trustedCss(css: string): Html {
  if (/<\//.test(css)) throw new Error('style sheet holds an end tag');
  return Html.of(css);
}

/**
 * An SVG document from the chart renderer, inserted as it is. Its text is escaped by the renderer; this checks
 * that it is one <svg> element with nothing active in it (no scripts, event handlers, foreign HTML or links
 * out), and throws otherwise.
 */
export function trustedSvg(svg: string): Html {
  const s = svg.trim();
  if (!s.startsWith('<svg') || !s.endsWith('</svg>')) throw new Error('chart renderer: not an SVG element');
  if (/<(script|foreignObject|iframe|image|use|a)\b|<[^>]*\son[a-z]+\s*=|<[^>]*\bhref\s*=|javascript:/i.test(s)) throw new Error('chart renderer: SVG holds active content');
  return Html.of(s);
}
