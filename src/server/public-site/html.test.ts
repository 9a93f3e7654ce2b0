import { describe, expect, it } from 'vitest';
import { html } from './html.js';

describe('html', () => {
  it('escapes interpolated text and keeps nested html', () => {
    const name = '<script>alert("x")</script> & co';
    expect(html`<p title="${name}">${html`<b>${name}</b>`}</p>`.value).toBe(
      '<p title="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; co"><b>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; co</b></p>',
    );
  });

  it('renders lists and skips empty values', () => {
    expect(
      html`<ul>
        ${['a', 'b'].map((item) => html`<li>${item}</li>`)}${null}${false}${undefined}
      </ul>`.value,
    ).toBe('<ul><li>a</li><li>b</li></ul>');
  });
});
