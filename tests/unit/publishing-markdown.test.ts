import fc from 'fast-check';
import { Parser } from 'htmlparser2';
import { describe, expect, it } from 'vitest';
import { linkKind, markdownToText, renderMarkdown } from '../../src/lib/server/publishing/markdown';

/** Known XSS payloads, as someone would type them into a Markdown body. */
const PAYLOADS = [
  '<script>window.__xss("script")</script>',
  '<img src=x onerror="window.__xss(\'img\')">',
  '<svg onload="window.__xss(\'svg\')"></svg>',
  '<a href="javascript:window.__xss(1)">a</a>',
  '[bấm](javascript:window.__xss("md-link"))',
  '[bấm](JaVaScRiPt:window.__xss(1))',
  '[bấm](&#106;avascript:window.__xss(1))',
  '[bấm](java&#x09;script:window.__xss(1))',
  '[bấm](<javascript:window.__xss(1)>)',
  '[bấm](data:text/html;base64,PHNjcmlwdD53aW5kb3cuX194c3MoMSk8L3NjcmlwdD4=)',
  '[bấm](vbscript:msgbox(1))',
  '[bấm](//evil.example/x)',
  '[bấm](ｊａｖａｓｃｒｉｐｔ:window.__xss(1))',
  '[bấm](\u202ejavascript:window.__xss(1))',
  '![ảnh](x" onerror="window.__xss(1))',
  '![ảnh](javascript:window.__xss(1))',
  '![ảnh](https://evil.example/pixel.png)',
  '[a][ref]\n\n[ref]: javascript:window.__xss(1)',
  '<https://ok.example/"onmouseover="window.__xss(1)>',
  '"><img src=x onerror=window.__xss(1)>',
  '<iframe src="javascript:window.__xss(1)"></iframe>',
  '<style>body{background:url(javascript:window.__xss(1))}</style>',
  '```html\n<script>window.__xss(1)</script>\n```',
];

const ALLOWED_TAGS = new Set([
  'p',
  'br',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'blockquote',
  'ul',
  'ol',
  'li',
  'strong',
  'em',
  's',
  'del',
  'code',
  'pre',
  'hr',
  'a',
  'img',
  'table',
  'thead',
  'tbody',
  'tr',
  'th',
  'td',
]);

/** What must never appear in rendered HTML, found by parsing it as a browser would. */
function dangerous(html: string): string[] {
  const found: string[] = [];
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        if (!ALLOWED_TAGS.has(name)) found.push(`element:${name}`);
        for (const [attribute, value] of Object.entries(attributes)) {
          if (/^on/i.test(attribute) || attribute === 'style' || attribute === 'srcdoc')
            found.push(`attribute:${attribute}`);
          if ((attribute === 'href' || attribute === 'src') && linkKind(value) === null) found.push(`url:${value}`);
        }
      },
    },
    { decodeEntities: true },
  );
  parser.write(html);
  parser.end();
  return found;
}

describe('rendering a Markdown body', () => {
  it('renders ordinary Markdown: headings as sections, emphasis, lists, tables, code', () => {
    const html = renderMarkdown(
      '# Mục\n\n**Đậm** và *nghiêng*\n\n- một\n- hai\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n`mã`',
    );
    expect(html).toContain('<h2>Mục</h2>');
    expect(html).toContain('<strong>Đậm</strong>');
    expect(html).toContain('<li>một</li>');
    expect(html).toContain('<td>1</td>');
    expect(html).toContain('<code>mã</code>');
  });

  it('marks external links nofollow and leaves site links alone', () => {
    expect(renderMarkdown('[Quốc hội](https://quochoi.vn)')).toContain(
      '<a href="https://quochoi.vn" rel="noopener noreferrer nofollow">Quốc hội</a>',
    );
    expect(renderMarkdown('[bài học](/khoa-hoc/so-hoa-ho-so-vu-an/)')).toContain(
      '<a href="/khoa-hoc/so-hoa-ho-so-vu-an/">',
    );
    expect(renderMarkdown('[thư](mailto:vanphong@vks.gov.vn)')).toContain('href="mailto:vanphong@vks.gov.vn"');
  });

  it("shows only the record's own attachments as images", () => {
    expect(renderMarkdown('![Hội trường](/tep/a1234567890abcdef/)')).toContain(
      '<img src="/tep/a1234567890abcdef/" alt="Hội trường" loading="lazy" decoding="async" />',
    );
    expect(renderMarkdown('![x](https://evil.example/pixel.png)')).not.toContain('<img');
    expect(renderMarkdown('![x](/khoa-hoc/anh.png)')).not.toContain('<img');
  });

  for (const payload of PAYLOADS) {
    it(`neutralises ${JSON.stringify(payload).slice(0, 60)}`, () => {
      const html = renderMarkdown(`Đoạn mở đầu.\n\n${payload}\n\nĐoạn kết.`);
      expect(dangerous(html)).toEqual([]);
      expect(html).toContain('Đoạn kết.');
    });
  }

  it('never lets an arbitrary string through as markup that runs script', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            fc.constantFrom(
              ...PAYLOADS,
              '[',
              ']',
              '(',
              ')',
              '<',
              '>',
              '"',
              "'",
              '`',
              '!',
              '&#',
              'javascript:',
              '\n',
              ' ',
            ),
            fc.string(),
          ),
          { maxLength: 12 },
        ),
        (parts) => dangerous(renderMarkdown(parts.join(''))).length === 0,
      ),
      { numRuns: 400 },
    );
  });
});

describe('the link policy', () => {
  it('accepts http, https, mailto and same-site links only', () => {
    expect(
      ['https://a.vn', 'http://a.vn', 'mailto:a@b.vn', '/x/', '#muc', '?q=1', 'tep.pdf', '../x'].map(linkKind),
    ).toEqual(['external', 'external', 'external', 'local', 'local', 'local', 'local', 'local']);
    for (const bad of [
      'javascript:x',
      ' JAVASCRIPT:x',
      'data:text/html,x',
      'vbscript:x',
      'file:///etc/passwd',
      '//evil.example',
      '\\\\evil',
      'java\tscript:x',
      'ｊａｖａｓｃｒｉｐｔ:x',
      '\u200bjavascript:x',
      'x:y/z',
    ])
      expect(linkKind(bad), bad).toBeNull();
  });
});

describe('the text of a body', () => {
  it('keeps the words a reader sees and drops markup and link targets', () => {
    expect(
      markdownToText('## Kết quả\n\nĐã **số hóa** [hồ sơ](https://x.vn/tai-lieu) của `2` vụ.\n\n- một\n- hai'),
    ).toBe('Kết quả\nĐã số hóa hồ sơ của 2 vụ.\nmột\nhai');
  });
});
