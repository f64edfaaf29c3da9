import { describe, expect, it } from 'vitest';
import { escapeHtml, html, trustedSvg } from './html.js';

describe('html', () => {
  it('escapes every interpolation', () => {
    const name = '<script>alert("x")</script> & \'y\'';
    const out = html`<td title="${name}">${name}</td>`.toString();
    expect(out).toBe('<td title="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;">&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;</td>');
  });
  it('keeps nested Html, joins arrays, drops null', () => {
    const rows = ['<a>', 'b'].map((x) => html`<li>${x}</li>`);
    expect(html`<ul>${rows}${null}${undefined}${3}</ul>`.toString()).toBe('<ul><li>&lt;a&gt;</li><li>b</li>3</ul>');
  });
  it('a plain string that looks like HTML is still escaped', () => {
    expect(html`${'<b>x</b>'}`.toString()).toBe('&lt;b&gt;x&lt;/b&gt;');
    expect(escapeHtml('中文')).toBe('中文');
  });
  it('trustedSvg refuses active content', () => {
    expect(trustedSvg('<svg><text>&lt;script&gt;</text></svg>').toString()).toContain('&lt;script&gt;');
    expect(() => trustedSvg('<svg><script>alert(1)</script></svg>')).toThrow(/active/);
    expect(() => trustedSvg('<svg onload="alert(1)"></svg>')).toThrow(/active/);
    expect(() => trustedSvg('<svg><a href="https://x">x</a></svg>')).toThrow(/active/);
    expect(() => trustedSvg('<div></div>')).toThrow(/not an SVG/);
  });
});
