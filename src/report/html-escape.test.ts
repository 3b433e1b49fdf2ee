import { describe, expect, it } from 'vitest';
import { escapeHtml, html, jsonForScript, SafeHtml } from './html-escape.js';

describe('escapeHtml / html', () => {
  it('escapes every character that can open markup or leave an attribute', () => {
    expect(escapeHtml(`"><img src=x onerror='alert(1)'>&\``)).toBe('&quot;&gt;&lt;img src=x onerror=&#39;alert(1)&#39;&gt;&amp;&#96;');
  });

  it('escapes interpolations, passes SafeHtml and joins arrays', () => {
    const pop = '<script>alert(1)</script>';
    const out = html`<td title="${pop}">${pop}</td>${[html`<b>${'x&y'}</b>`, ' & ']}${null}${7}`;
    expect(out).toBeInstanceOf(SafeHtml);
    expect(out.value).toBe('<td title="&lt;script&gt;alert(1)&lt;/script&gt;">&lt;script&gt;alert(1)&lt;/script&gt;</td><b>x&amp;y</b> &amp; 7');
  });
});

describe('jsonForScript', () => {
  it('cannot close a script element or open a comment, and parses back to the same value', () => {
    const value = { pop: '</script><script>alert(1)</script>', c: '<!-- x -->', amp: 'a&b', ls: 'a\u2028b\u2029c' };
    const text = jsonForScript(value);
    expect(text).not.toMatch(/<|>|&|\u2028|\u2029/);
    expect(JSON.parse(text)).toEqual(value);
  });
});
