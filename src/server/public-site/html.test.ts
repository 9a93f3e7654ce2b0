import { describe, expect, it } from 'vitest';
import { markup } from './html.js';

describe('markup', () => {
  it('escapes interpolated text and keeps nested html', () => {
    const name = '<script>alert("x")</script> & co';
    expect(markup`<p title="${name}">${markup`<b>${name}</b>`}</p>`.value).toBe(
      '<p title="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; co"><b>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; co</b></p>',
    );
  });

  it('renders lists and skips empty values', () => {
    expect(markup`<ul>${['a', 'b'].map((item) => markup`<li>${item}</li>`)}${null}${false}${undefined}</ul>`.value).toBe(
      '<ul><li>a</li><li>b</li></ul>',
    );
  });
});
