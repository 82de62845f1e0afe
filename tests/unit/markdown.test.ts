import { describe, expect, it } from 'vitest';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import {
  MAX_BLOCK_DEPTH,
  MAX_INLINE_DEPTH,
  astDepth,
  parseInlineMarkdown,
  parseMarkdown,
  plainText,
  safeHref,
  type MdBlock,
} from '@/lib/markdown';
import { Markdown } from '@/components/Markdown';
import fc from 'fast-check';
import * as links from '@/lib/markdown/links';
import * as briefMarkdown from '@/lib/io/markdown';

const html = (source: string) => renderToStaticMarkup(createElement(Markdown, { source }));

/** Every href attribute value in rendered markup. */
function hrefs(markup: string): string[] {
  return [...markup.matchAll(/href="([^"]*)"/g)].map((m) => m[1]!);
}

function expectInert(markup: string) {
  expect(markup).not.toMatch(/<script/i);
  expect(markup).not.toMatch(/<img/i);
  expect(markup).not.toMatch(/<iframe/i);
  expect(markup).not.toMatch(/<svg/i);
  // No event-handler attributes on any real element (literal text is escaped, so `onerror=` can only
  // appear as text inside an element, never as `<tag ... onerror=`).
  expect(markup).not.toMatch(/<[a-z][^>]*\son[a-z]+\s*=/i);
  expect(markup).not.toMatch(/href="\s*(?:javascript|data|vbscript|file):/i);
  for (const h of hrefs(markup)) expect(h).toMatch(/^(?:https?:\/\/|mailto:)/i);
}

describe('blocks', () => {
  it('parses paragraphs with line breaks', () => {
    expect(parseMarkdown('one\ntwo\n\nthree')).toEqual<MdBlock[]>([
      { type: 'paragraph', children: [{ type: 'text', value: 'one' }, { type: 'break' }, { type: 'text', value: 'two' }] },
      { type: 'paragraph', children: [{ type: 'text', value: 'three' }] },
    ]);
  });

  it('parses headings # to ######, each keeping its level, and not #hashtags or ####### runs', () => {
    const b = parseMarkdown('# One\n## Two ##\n### Three\n#### Four\n##### Five\n###### Six\n####### Seven\n#hashtag');
    expect(b.map((x) => (x.type === 'heading' ? x.level : x.type))).toEqual([1, 2, 3, 4, 5, 6, 'paragraph']);
    expect(plainText([b[1]!])).toBe('Two');
  });

  it('renders each heading level one deeper than the last, keeping the outline level past h6', () => {
    const md = '# a\n## b\n### c\n#### d\n##### e\n###### f';
    const at = (headingLevel: number) => renderToStaticMarkup(createElement(Markdown, { source: md, headingLevel }));
    expect(at(2)).toBe('<div class="md"><h2>a</h2><h3>b</h3><h4>c</h4><h5>d</h5><h6>e</h6><h6 aria-level="7">f</h6></div>');
    expect(at(4)).toBe('<div class="md"><h4>a</h4><h5>b</h5><h6>c</h6><h6 aria-level="7">d</h6><h6 aria-level="8">e</h6><h6 aria-level="9">f</h6></div>');
    // No two Markdown levels share a rendered level.
    const levels = [...at(1).matchAll(/<h(\d)(?: aria-level="(\d+)")?>/g)].map((m) => Number(m[2] ?? m[1]));
    expect(levels).toEqual([2, 3, 4, 5, 6, 7]);
  });

  it('parses bullet and numbered lists, nested by indentation', () => {
    const b = parseMarkdown('- a\n- b\n  - b1\n  - b2\n- c\n\n3. x\n4. y');
    expect(b).toHaveLength(2);
    const ul = b[0]!;
    expect(ul.type === 'list' && !ul.ordered && ul.items.length).toBe(3);
    if (ul.type !== 'list') throw new Error('list');
    const nested = ul.items[1]![1]!;
    expect(nested.type === 'list' && nested.items.length).toBe(2);
    const ol = b[1]!;
    expect(ol.type === 'list' && ol.ordered && ol.start).toBe(3);
    expect(html('3. x\n4. y')).toBe('<div class="md"><ol start="3"><li><span class="md-line">x</span></li><li><span class="md-line">y</span></li></ol></div>');
  });

  it('parses blockquotes and fenced code', () => {
    const b = parseMarkdown('> quoted **text**\n> more\n\n```ts\nconst x = 1 < 2 && "<b>";\n```');
    expect(b[0]!.type).toBe('blockquote');
    expect(b[1]).toEqual({ type: 'code', lang: 'ts', value: 'const x = 1 < 2 && "<b>";' });
    expect(html('```\n<script>alert(1)</script>\n```')).toBe(
      '<div class="md"><pre tabindex="0"><code>&lt;script&gt;alert(1)&lt;/script&gt;</code></pre></div>',
    );
  });

  it('parses thematic breaks', () => {
    expect(parseMarkdown('a\n\n---\n\nb').map((x) => x.type)).toEqual(['paragraph', 'hr', 'paragraph']);
  });
});

describe('inlines', () => {
  it('parses bold, italic, code', () => {
    expect(parseInlineMarkdown('**b** *i* _j_ `c*d`')).toEqual([
      { type: 'strong', children: [{ type: 'text', value: 'b' }] },
      { type: 'text', value: ' ' },
      { type: 'em', children: [{ type: 'text', value: 'i' }] },
      { type: 'text', value: ' ' },
      { type: 'em', children: [{ type: 'text', value: 'j' }] },
      { type: 'text', value: ' ' },
      { type: 'code', value: 'c*d' },
    ]);
  });

  it('leaves snake_case, lone asterisks and escapes alone', () => {
    expect(plainText(parseMarkdown('snake_case_name 2 * 3 * 4 \\*not\\*'))).toBe('snake_case_name 2 * 3 * 4 *not*');
    expect(parseInlineMarkdown('snake_case_name')).toEqual([{ type: 'text', value: 'snake_case_name' }]);
  });

  it('nests emphasis inside emphasis and links', () => {
    expect(html('*a **b** c* [**x**](https://example.org/)')).toBe(
      '<div class="md"><p><em>a <strong>b</strong> c</em> <a href="https://example.org/" rel="noopener noreferrer nofollow" target="_blank"><strong>x</strong></a></p></div>',
    );
  });

  it('links http, https and mailto, with a safe rel and target', () => {
    const out = html('[site](https://example.org/a?b=1&c=2) [mail](mailto:a@example.org) <http://example.org/x>');
    expect(hrefs(out)).toEqual(['https://example.org/a?b=1&amp;c=2', 'mailto:a@example.org', 'http://example.org/x']);
    expect(out.match(/rel="noopener noreferrer nofollow" target="_blank"/g)).toHaveLength(3);
  });

  it('links bare URLs, leaving trailing punctuation and unbalanced parentheses out', () => {
    const b = parseInlineMarkdown('See https://example.org/a_(b). And (http://example.org/c), mailto:x@example.org.');
    const links = b.filter((x) => x.type === 'link');
    expect(links.map((l) => (l.type === 'link' ? l.href : ''))).toEqual([
      'https://example.org/a_(b)',
      'http://example.org/c',
      'mailto:x@example.org',
    ]);
  });

  it('keeps relative and unknown-scheme links as plain text', () => {
    for (const src of ['[a](/relative)', '[a](#frag)', '[a](ftp://x.org)', '[a](file:///etc/passwd)', '[a](www.example.org)']) {
      const out = html(src);
      expect(out).not.toContain('<a ');
      expect(out).toContain(src.replace(/&/g, '&amp;'));
    }
  });
});

describe('safeHref', () => {
  it('accepts only http, https and mailto', () => {
    expect(safeHref('https://example.org')).toBe('https://example.org');
    expect(safeHref('HTTP://EXAMPLE.ORG')).toBe('HTTP://EXAMPLE.ORG');
    expect(safeHref('mailto:a@b.c')).toBe('mailto:a@b.c');
    for (const bad of [
      'javascript:alert(1)',
      'JaVaScRiPt:alert(1)',
      ' javascript:alert(1)',
      'java\tscript:alert(1)',
      'java\nscript:alert(1)',
      'java\u0000script:alert(1)',
      'java\u200bscript:alert(1)',
      'javascript&#58;alert(1)',
      '&#106;avascript:alert(1)',
      'javascript&colon;alert(1)',
      'data:text/html;base64,PHNjcmlwdD4=',
      'vbscript:msgbox(1)',
      'http:alert(1)',
      'https:/x',
      'http://',
      '//evil.example',
      'mailto:',
      '',
    ]) {
      expect(safeHref(bad), bad).toBeNull();
    }
  });
});

describe('one link-safety rule', () => {
  it('is the rule both Markdown modules use', () => {
    expect(safeHref).toBe(links.safeHref);
    expect(briefMarkdown.isSafeLinkDestination).toBe(links.isSafeLinkDestination);
  });

  // Pieces hostile destinations are made of: schemes, their obfuscations, separators, hidden characters.
  const piece = fc.constantFrom(
    'javascript', 'JaVaScRiPt', 'data', 'vbscript', 'http', 'https', 'mailto', 'file', 'a', 'x.y',
    ':', '&#58;', '&colon;', '&#x3A;', '&#106;', '&amp;', '&unknown;', '\\', '\\:', '//', '/', '#', '?', '.',
    ' ', '\t', '\n', '\u0000', '\u200b', '\u00a0', '\u202e', '<', '>', 'example.org', '@', 'alert(1)',
  );
  const destination = fc.array(piece, { minLength: 1, maxLength: 8 }).map((p) => p.join(''));
  const SAFE = new Set(['http:', 'https:', 'mailto:']);

  it('refuses a mailto the browser cannot parse (a counterexample fast-check found: "mailto&colon;//>javascript")', () => {
    expect(links.checkLink('mailto&colon;//>javascript')).toEqual({ ok: false, reason: 'malformed' });
    expect(links.checkLink('mailto://>x')).toEqual({ ok: false, reason: 'malformed' });
    expect(links.checkLink('mailto:analyst@example.org')).toEqual({ ok: true, absolute: true, url: 'mailto:analyst@example.org' });
  });

  it('lets through only what a browser resolves to http, https or mailto', () => {
    fc.assert(
      fc.property(destination, (d) => {
        const v = links.checkLink(d);
        if (!v.ok) return;
        // The oracle: the WHATWG URL parser, resolving relative references against an https page
        // (a reference it cannot parse goes nowhere, which is safe too).
        const resolved = URL.parse(v.url, 'https://base.example/');
        if (resolved) expect(SAFE.has(resolved.protocol), d).toBe(true);
        if (v.absolute) expect(SAFE.has(URL.parse(v.url)?.protocol ?? ''), d).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });

  it('links in the app only to what the brief may keep, and only absolute, plainly written', () => {
    fc.assert(
      fc.property(destination, (d) => {
        const href = safeHref(d);
        if (href === null) return;
        expect(href).toBe(d);
        expect(briefMarkdown.isSafeLinkDestination(d)).toBe(true);
        expect(href).toMatch(/^(https?:\/\/|mailto:)/i);
      }),
      { numRuns: 3000 },
    );
  });

  it('judges a rendered note and a brief alike', () => {
    for (const [dest, app, brief] of [
      ['https://example.org/a', true, true],
      ['mailto:a@example.org', true, true],
      ['#section', false, true],
      ['notes/page.md', false, true],
      ['javascript&#58;alert(1)', false, false],
      ['java\u200bscript:alert(1)', false, false],
      ['http:alert(1)', false, false],
      ['<https://example.org>', false, true],
    ] as const) {
      expect(safeHref(dest) !== null, dest).toBe(app);
      expect(briefMarkdown.isSafeLinkDestination(dest), dest).toBe(brief);
    }
  });
});

describe('XSS payloads render inert', () => {
  const payloads = [
    '<script>alert(1)</script>',
    '<img src=x onerror=alert(1)>',
    '<img src="x" onerror="alert(1)">',
    '<svg onload=alert(1)>',
    '<iframe src="javascript:alert(1)"></iframe>',
    '<a href="javascript:alert(1)">x</a>',
    '[x](javascript:alert(1))',
    '[x](JaVaScRiPt:alert(1))',
    '[x]( javascript:alert(1) )',
    '[x](java\tscript:alert(1))',
    '[x](java&#x09;script:alert(1))',
    '[x](&#106;avascript:alert(1))',
    '[x](javascript&#58;alert(1))',
    '[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
    '[x](vbscript:msgbox(1))',
    '[x](javascript://%0aalert(1))',
    '<javascript:alert(1)>',
    '<JAVASCRIPT:alert(1)>',
    'javascript:alert(1)',
    '**<script>alert(1)</script>**',
    '`<script>alert(1)</script>`',
    '> <img src=x onerror=alert(1)>',
    '- [x](javascript:alert(1))\n- <script>x</script>',
    '[<img src=x onerror=alert(1)>](https://example.org)',
    '[x](https://example.org" onmouseover="alert(1))',
    'https://example.org/"onmouseover="alert(1)',
    '<<script>script>alert(1)<</script>/script>',
  ];
  for (const p of payloads) {
    it(JSON.stringify(p), () => {
      const out = html(p);
      expectInert(out);
    });
  }

  it('shows raw HTML as literal text', () => {
    expect(html('<script>alert(1)</script>')).toBe('<div class="md"><p>&lt;script&gt;alert(1)&lt;/script&gt;</p></div>');
    expect(html('<img src=x onerror=alert(1)>')).toBe('<div class="md"><p>&lt;img src=x onerror=alert(1)&gt;</p></div>');
    expect(html('[x](javascript:alert(1))')).toBe('<div class="md"><p>[x](javascript:alert(1))</p></div>');
  });

  it('re-checks link nodes when rendering', () => {
    // A link whose href is unsafe (as a hand-built AST might hold) renders as text.
    const out = renderToStaticMarkup(createElement(Markdown, { source: '[x](https://example.org)' }));
    expect(out).toContain('href="https://example.org"');
  });
});

describe('hostile input', () => {
  const N = 20_000;
  const cases: Record<string, string> = {
    quotes: '>'.repeat(N) + ' deep',
    quoteLines: Array.from({ length: 2000 }, (_, k) => '>'.repeat(k + 1) + ' x').join('\n'),
    bullets: '- '.repeat(N) + 'x',
    indentedLists: Array.from({ length: 2000 }, (_, k) => ' '.repeat(k * 2) + '- x').join('\n'),
    stars: '*'.repeat(N),
    starWords: '*a '.repeat(N),
    nestedEmphasis: '*_'.repeat(N / 2) + 'x' + '_*'.repeat(N / 2),
    strongs: '**a '.repeat(N),
    brackets: '['.repeat(N) + 'x' + ']'.repeat(N),
    linkOpeners: '[x]('.repeat(N / 4),
    linkChain: '[a](https://example.org/'.repeat(N / 20),
    backticks: '`'.repeat(N) + 'x' + '`'.repeat(N - 1),
    backtickRuns: Array.from({ length: 200 }, (_, k) => '`'.repeat(k + 1)).join(' x '),
    angle: '<'.repeat(N) + 'http://x',
    urls: 'http://a.b/('.repeat(N / 10) + ')'.repeat(N),
    hashes: '#'.repeat(N),
    fences: '```\n'.repeat(N / 4),
    spaces: ' '.repeat(N) + '#' + ' '.repeat(N),
    mixed: '> - **[*_`'.repeat(N / 10),
  };
  for (const [name, src] of Object.entries(cases)) {
    it(`${name}: bounded depth, fast, inert`, () => {
      const t0 = performance.now();
      const ast = parseMarkdown(src);
      const out = renderToStaticMarkup(createElement(Markdown, { source: src }));
      const ms = performance.now() - t0;
      expect(astDepth(ast)).toBeLessThanOrEqual(2 * (MAX_BLOCK_DEPTH + MAX_INLINE_DEPTH) + 4);
      expect(ms).toBeLessThan(2000);
      expectInert(out);
    });
  }

  it('keeps deeply nested markers beyond the cap as text', () => {
    const ast = parseMarkdown('>'.repeat(50) + ' x');
    expect(astDepth(ast)).toBeLessThanOrEqual(MAX_BLOCK_DEPTH + 3);
    expect(plainText(ast)).toContain('>'.repeat(50 - MAX_BLOCK_DEPTH));
  });

  it('caps inline nesting', () => {
    const src = '*_'.repeat(40) + 'x' + '_*'.repeat(40);
    const ast = parseInlineMarkdown(src);
    let depth = 0;
    let cur = ast;
    while (cur.length === 1 && (cur[0]!.type === 'em' || cur[0]!.type === 'strong')) {
      depth++;
      cur = (cur[0] as { children: typeof cur }).children;
    }
    expect(depth).toBeLessThanOrEqual(MAX_INLINE_DEPTH);
  });

  it('never throws on odd characters', () => {
    for (const src of ['\u0000', '\r\n\r', '\uD800', '\t- x', '1)', '-', '>', '```', '[', '](', '<>', '\\', '**', '__']) {
      expect(() => html(src)).not.toThrow();
    }
  });
});
