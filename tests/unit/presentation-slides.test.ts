import { describe, expect, it } from 'vitest';
import { splitSlides } from '../../src/lib/shared/presentation/split-slides';
import { presentationUrl } from '../../src/lib/shared/presentation/urls';

describe('cutting content into slides', () => {
  it('starts a slide at every second-level heading, with the intro on its own', () => {
    const slides = splitSlides(
      '<p>Lời dẫn</p>\n<h2 id="a">Phần &amp; một</h2><p>A</p><h3>Nhỏ</h3><p>A2</p><h2>Phần hai</h2><p>B</p>',
    );
    expect(slides.map((s) => s.heading)).toEqual([undefined, 'Phần & một', 'Phần hai']);
    expect(slides[1].html).toBe('<h2 id="a">Phần &amp; một</h2><p>A</p><h3>Nhỏ</h3><p>A2</p>');
    expect(slides.every((s) => !s.continued && !s.mindmap)).toBe(true);
  });

  it('splits a section at a slide break and drops the marker', () => {
    const slides = splitSlides(
      '<h2>Lỗi</h2><ul><li>x</li></ul><div class="slide-break" data-slide-break hidden></div><p>Danh sách</p>',
    );
    expect(slides).toHaveLength(2);
    expect(slides[1]).toMatchObject({ heading: 'Lỗi', continued: true, html: '<p>Danh sách</p>' });
    expect(slides.map((s) => s.html).join('')).not.toContain('data-slide-break');
  });

  it('ignores a slide break nested inside another element', () => {
    const slides = splitSlides('<h2>A</h2><div class="callout"><div data-slide-break hidden></div><p>x</p></div>');
    expect(slides).toHaveLength(1);
  });

  it('moves speaker notes out of the slide, even from inside a component', () => {
    const slides = splitSlides(
      '<h2>A</h2><aside data-speaker-notes hidden><p>Ghi chú 1</p></aside><p>Nội dung</p><div><aside data-speaker-notes hidden><p>Ghi chú 2</p></aside></div><h2>B</h2><p>b</p>',
    );
    expect(slides[0].notes).toEqual(['<p>Ghi chú 1</p>', '<p>Ghi chú 2</p>']);
    expect(slides[0].html).not.toContain('Ghi chú');
    expect(slides[1].notes).toEqual([]);
  });

  it('gives a mind map a slide of its own, sharing it only with a bare heading', () => {
    const map = '<figure class="mindmap" data-mindmap><svg><title>t</title><path d="M0 0"/></svg></figure>';
    const script = '<script type="module" src="/_astro/MindMap.js"></script>';
    const slides = splitSlides(
      `<h2>Ví dụ</h2><div class="callout">Giả định</div>${map}${script}<p>Sau</p><h2>Trống</h2>${map}`,
    );
    expect(slides.map((s) => [s.heading, s.continued, s.mindmap])).toEqual([
      ['Ví dụ', false, false],
      ['Ví dụ', true, true],
      ['Ví dụ', true, false],
      ['Trống', false, true],
    ]);
    expect(slides[1].html).toBe(map);
    // The script stays on the page, on a slide that is shown.
    expect(slides[2].html).toBe(`${script}<p>Sau</p>`);
    expect(slides[3].html).toBe(`<h2>Trống</h2>${map}`);
  });

  it('gives notes written just before a mind map to the map’s slide', () => {
    const slides = splitSlides(
      '<h2>Ví dụ</h2><aside data-speaker-notes hidden>Về phần mở đầu</aside><p>Giả định</p><aside data-speaker-notes hidden>Về sơ đồ</aside>\n<figure data-mindmap></figure>',
    );
    expect(slides.map((s) => [s.mindmap, s.notes])).toEqual([
      [false, ['Về phần mở đầu']],
      [true, ['Về sơ đồ']],
    ]);
  });

  it('keeps a lone trailing script on the slide before instead of making an empty slide', () => {
    const slides = splitSlides('<h2>A</h2><figure data-mindmap></figure><script src="/x.js"></script>');
    expect(slides).toHaveLength(1);
    expect(slides[0].html).toContain('<script src="/x.js"></script>');
  });

  it('returns no slides for empty content', () => {
    expect(splitSlides('  \n ')).toEqual([]);
  });
});

describe('presentation URLs', () => {
  it('put lessons, seminars and practices under /trinh-chieu/', () => {
    expect(presentationUrl('lesson', 'so-do-hoa-chung-cu')).toBe('/trinh-chieu/bai-hoc/so-do-hoa-chung-cu/');
    expect(presentationUrl('seminar', 'x')).toBe('/trinh-chieu/toa-dam/x/');
    expect(presentationUrl('practice', 'y')).toBe('/trinh-chieu/cach-lam-hay/y/');
  });
});
