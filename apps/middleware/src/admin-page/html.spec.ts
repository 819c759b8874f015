import { escapeHtml, Html, html } from './html';

describe('html (the page templates escaping)', () => {
  it('escapes every value: text, attributes, nested arrays', () => {
    const hostile = `"><script>alert('x')</script>&`;
    const out = html`<p title="${hostile}">${hostile}</p><ul>${[hostile, [hostile]].map((v) => html`<li>${v}</li>`)}</ul>`.text;
    expect(out).not.toContain('<script>');
    expect(out).not.toContain(`"><`);
    expect(out).toBe(
      '<p title="&quot;&gt;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;">&quot;&gt;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;</p>' +
        '<ul><li>&quot;&gt;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;</li><li>&quot;&gt;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;</li></ul>',
    );
  });

  it('keeps what another template made, and only that', () => {
    const inner = html`<b>${'<i>'}</b>`;
    expect(html`<p>${inner}</p>`.text).toBe('<p><b>&lt;i&gt;</b></p>');
    // A string that looks like markup is still a string.
    expect(html`<p>${'<b>bold</b>'}</p>`.text).toBe('<p>&lt;b&gt;bold&lt;/b&gt;</p>');
    // Only a real Html instance passes unescaped, not an object shaped like one.
    const fake = { text: '<script>' } as unknown as string;
    expect(html`${fake}`.text).toBe('[object Object]');
  });

  it('renders numbers and true as text, absent and false as nothing', () => {
    expect(html`${0}|${12.5}|${true}|${false}|${null}|${undefined}|${''}`.text).toBe('0|12.5|true||||');
  });

  it('escapes the five characters that matter in text and double-quoted attributes, nothing else', () => {
    expect(escapeHtml(`&<>"' åäö é 🙂`)).toBe('&amp;&lt;&gt;&quot;&#39; åäö é 🙂');
    expect(new Html('<b>').toString()).toBe('<b>');
  });
});
