/**
 * `orderlens report` as one self-contained HTML file: inline CSS, charts as inline SVG, no scripts, no fonts,
 * no images fetched (a Content-Security-Policy of default-src 'none' says so to the browser too). The words,
 * numbers and chart options come ready from the report layer; this only lays them out, escaping everything.
 */
import { html, trustedCss, type Html } from './html.js';
import { displayValue } from './render.js';
import type { Report } from './report.js';
import type { ChartRenderer, ChartSpec } from './svg-chart.js';
import { FONT_STACK } from './svg-chart.js';

export interface Figure {
  label: string;
  value: string;
}

export interface DocTable {
  caption: string;
  report: Report;
}

export interface DocSection {
  id: string;
  title: string;
  /** Key numbers, shown as tiles. */
  figures: Figure[];
  /** The plain-language reading: two short lines. */
  reading: string[];
  charts: ChartSpec[];
  tables: DocTable[];
  /** Caveats: what the data cannot answer, data-quality notes. */
  notes: string[];
}

export interface HtmlReportDoc {
  lang: 'en' | 'zh';
  title: string;
  subtitle: string;
  sections: DocSection[];
  footer: string;
}

const CSS = `
*{box-sizing:border-box}
body{margin:0;background:#f5f6f8;color:#1f2329;font:15px/1.55 ${FONT_STACK}}
header,main,footer{max-width:1000px;margin:0 auto;padding:0 20px}
header{padding-top:28px}
h1{font-size:26px;margin:0 0 4px}
.sub{color:#5b6270;margin:0 0 20px}
nav ol{display:flex;flex-wrap:wrap;gap:4px 16px;padding:0;margin:0 0 18px;list-style:none;font-size:14px}
nav a{color:#2a5db0;text-decoration:none}
section{background:#fff;border-radius:8px;box-shadow:0 1px 2px rgba(0,0,0,.08);padding:18px 22px;margin:0 0 20px;break-inside:avoid-page}
h2{font-size:20px;margin:0 0 12px}
.figures{display:flex;flex-wrap:wrap;gap:10px;margin:0 0 12px;padding:0;list-style:none}
.figures li{border:1px solid #e3e6ea;border-radius:6px;padding:6px 12px;min-width:130px}
.figures .v{display:block;font-size:19px;font-weight:600}
.figures .l{display:block;font-size:12.5px;color:#5b6270}
.reading{border-left:4px solid #5470c6;background:#f3f5fb;padding:8px 12px;margin:0 0 12px}
.reading p{margin:0}
figure{margin:12px 0;overflow-x:auto}
figcaption{font-weight:600;font-size:14px;margin:0 0 2px}
figure svg{display:block;max-width:100%;height:auto}
table{border-collapse:collapse;font-size:13.5px;margin:8px 0 4px;width:100%}
caption{text-align:left;font-weight:600;padding:4px 0}
th,td{border-bottom:1px solid #e3e6ea;padding:4px 8px;text-align:left;white-space:nowrap}
td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}
.tablewrap{overflow-x:auto}
.notes{color:#5b6270;font-size:13px;margin:8px 0 0;padding-left:18px}
footer{color:#5b6270;font-size:12.5px;padding-bottom:28px}
@media print{body{background:#fff}section{box-shadow:none;border:1px solid #ddd}nav{display:none}}
`;

function table(t: DocTable, lang: 'en' | 'zh'): Html {
  const numeric = (kind: string) => kind !== 'text' && kind !== 'day';
  const head = t.report.columns.map((c) => html`<th class="${numeric(c.kind) ? 'n' : ''}" scope="col">${lang === 'zh' && c.zh ? c.zh : c.key.replace(/_/g, ' ')}</th>`);
  const rows = t.report.rows.map(
    (row) => html`<tr>${t.report.columns.map((c) => html`<td class="${numeric(c.kind) ? 'n' : ''}">${displayValue(c, row[c.field ?? c.key], t.report.currency, row)}</td>`)}</tr>`,
  );
  return html`<div class="tablewrap"><table><caption>${t.caption}</caption><thead><tr>${head}</tr></thead><tbody>${rows}</tbody></table></div>`;
}

function section(s: DocSection, chart: ChartRenderer, lang: 'en' | 'zh'): Html {
  return html`<section id="${s.id}" data-section="${s.id}">
<h2>${s.title}</h2>
<ul class="figures">${s.figures.map((f) => html`<li><span class="v">${f.value}</span><span class="l">${f.label}</span></li>`)}</ul>
${s.reading.length > 0 ? html`<div class="reading">${s.reading.map((line) => html`<p>${line}</p>`)}</div>` : ''}
${s.charts.map((c) => html`<figure data-chart="${c.id}"><figcaption>${c.label}</figcaption><div role="img" aria-label="${c.label}">${chart(c)}</div></figure>`)}
${s.tables.map((t) => table(t, lang))}
${s.notes.length > 0 ? html`<ul class="notes">${s.notes.map((n) => html`<li>${n}</li>`)}</ul>` : ''}
</section>`;
}

/** The whole page. `chart` turns each chart spec into its SVG. */
export function renderHtmlReport(doc: HtmlReportDoc, chart: ChartRenderer): string {
  const page = html`<!DOCTYPE html>
<html lang="${doc.lang === 'zh' ? 'zh-CN' : 'en'}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="referrer" content="no-referrer">
<title>${doc.title}</title>
<style>${trustedCss(CSS)}</style>
</head>
<body>
<header>
<h1>${doc.title}</h1>
<p class="sub">${doc.subtitle}</p>
<nav><ol>${doc.sections.map((s) => html`<li><a href="#${s.id}">${s.title}</a></li>`)}</ol></nav>
</header>
<main>
${doc.sections.map((s) => section(s, chart, doc.lang))}
</main>
<footer>${doc.footer}</footer>
</body>
</html>
`;
  return page.toString();
}
