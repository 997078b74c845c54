import { mdxToJs } from 'satteri';
import { describe, expect, it } from 'vitest';
import { frontmatterOf } from '../../src/lib/content/read-snapshot';
import { exportRecord, mdxSafeBody } from '../../src/lib/server/publishing/export';
import { PracticeSchema } from '../../src/lib/schemas/practice';
import { draftStorageKey, formPairs, parseLocalDraft, samePairs } from '../../src/lib/shared/publishing/local-draft';

const compiles = (mdx: string) => {
  mdxToJs(mdx);
  return true;
};

describe('making a Markdown body valid MDX', () => {
  it('escapes what MDX would read as expressions, JSX or ESM, outside code only', () => {
    const body = [
      'Chi phí {dự kiến} là 5 < 7 triệu.',
      'import nghĩa là nhập khẩu ở đây.',
      'Mã `{x} < y` giữ nguyên; xem <https://quochoi.vn>.',
      '```',
      'if (a < b) { return }',
      '```',
    ].join('\n');
    const safe = mdxSafeBody(body);
    expect(safe).toContain('Chi phí \\{dự kiến\\} là 5 \\< 7 triệu.');
    expect(safe).toContain('&#105;mport nghĩa là');
    expect(safe).toContain('`{x} < y`');
    expect(safe).toContain('xem https://quochoi.vn.');
    expect(safe).toContain('if (a < b) { return }');
    expect(compiles(safe)).toBe(true);
    expect(() => mdxToJs(body)).toThrow();
  });
});

describe('exporting a record', () => {
  it('writes frontmatter the content schema reads back to the same fields, and a body that compiles', () => {
    const candidate = {
      title: 'Báo cáo án bằng sơ đồ tư duy ở Văn Yên',
      summary: 'Đơn vị chuyển báo cáo án hình sự và dân sự sang sơ đồ tư duy trong năm 2023.',
      unit: 'vksnd-huyen-van-yen',
      period: { from: '2023-01-01', to: '2023-12-31' },
      fields: ['hinh-su', 'dan-su'],
      topics: ['so-do-tu-duy'],
      results: [
        { value: 19, label: 'vụ án hình sự báo cáo bằng sơ đồ tư duy' },
        { value: 2.5, label: 'giờ tiết kiệm mỗi vụ', unit: 'giờ' },
      ],
      difficulties: ['Ít kinh nghiệm: "vẽ" sơ đồ {lần đầu} mất # thời gian'],
      howToReplicate: ['Chọn vụ án mẫu.'],
      author: { name: 'Trần Thị B', position: 'Kiểm sát viên' },
      relatedLessons: ['bao-cao-an-bang-so-do-tu-duy'],
    };
    const attachment = {
      id: 'a1234567890abcdef12',
      recordId: 'r1',
      kind: 'image' as const,
      mime: 'image/png',
      hash: 'f'.repeat(64),
      ext: 'png',
      size: 10,
      originalName: 'x.png',
      alt: 'Sơ đồ [mẫu]',
      width: 10,
      height: 10,
      pageWidth: 10,
      pageHeight: 10,
      position: 0,
      createdAt: new Date(),
    };
    const exported = exportRecord(
      'practice',
      'bao-cao-an-van-yen',
      candidate,
      'Xem ảnh ![sơ đồ](/tep/a1234567890abcdef12/).',
      [attachment],
    );
    expect(exported.path).toBe('practices/bao-cao-an-van-yen.mdx');
    const parsed = PracticeSchema.parse(frontmatterOf(exported.mdx));
    expect(parsed).toEqual(PracticeSchema.parse(candidate));
    expect(compiles(exported.mdx.replace(/^---[\s\S]*?---\n/, ''))).toBe(true);
    expect(exported.mdx).toContain(`![sơ đồ](/tap-tin/bao-cao-an-van-yen/${'f'.repeat(64)}-page.webp)`);
    expect(exported.files.map((f) => f.to)).toEqual([
      `tap-tin/bao-cao-an-van-yen/${'f'.repeat(64)}.png`,
      `tap-tin/bao-cao-an-van-yen/${'f'.repeat(64)}-page.webp`,
    ]);
  });

  it('refuses a record whose fields the schema does not accept', () => {
    expect(() => exportRecord('seminar', 'x', { title: 'Thiếu' }, '', [])).toThrow(/không hợp lệ/);
  });
});

describe("the browser's copy of an editor", () => {
  it('keeps text fields only, without the action, the version or files', () => {
    const pairs = formPairs([
      ['title', 'Tọa đàm'],
      ['intent', 'save'],
      ['version', '3'],
      ['_rows.participants', '4'],
      ['upload', new File(['x'], 'x.png')],
      ['topics', 'so-hoa-ho-so'],
    ]);
    expect(pairs).toEqual([
      ['title', 'Tọa đàm'],
      ['topics', 'so-hoa-ho-so'],
    ]);
  });

  it('compares drafts by their non-empty values only', () => {
    expect(
      samePairs(
        [
          ['a', 'x'],
          ['b', ''],
        ],
        [['a', 'x ']],
      ),
    ).toBe(true);
    expect(samePairs([['a', 'x']], [['a', 'y']])).toBe(false);
  });

  it('reads back only well-formed copies, one key per person and editor', () => {
    expect(parseLocalDraft(JSON.stringify({ savedAt: 5, pairs: [['a', 'b']] }))).toEqual({
      savedAt: 5,
      pairs: [['a', 'b']],
    });
    expect(parseLocalDraft('{"savedAt":"x","pairs":[]}')).toBeNull();
    expect(parseLocalDraft('not json')).toBeNull();
    expect(draftStorageKey('u_1', 'new:seminar')).not.toBe(draftStorageKey('u_2', 'new:seminar'));
  });
});
