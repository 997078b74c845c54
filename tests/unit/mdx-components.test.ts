import { experimental_AstroContainer as AstroContainer } from 'astro/container';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  Callout,
  Checklist,
  Download,
  Figure,
  KeyFigure,
  LegalRef,
  mdxComponents,
  Steps,
} from '../../src/components/mdx';

let container: AstroContainer;

beforeAll(async () => {
  container = await AstroContainer.create();
});

describe('the MDX component map', () => {
  it('offers every authoring component by the name authors type', () => {
    expect(Object.keys(mdxComponents)).toEqual(
      expect.arrayContaining(['Callout', 'Checklist', 'Download', 'Figure', 'KeyFigure', 'LegalRef', 'Steps']),
    );
  });
});

describe('Callout', () => {
  it('is a note labelled with its kind and title', async () => {
    const html = await container.renderToString(Callout, {
      props: { type: 'warning', title: 'Không sửa bản quét' },
      slots: { default: '<p>Nội dung</p>' },
    });
    expect(html).toContain('role="note"');
    expect(html).toContain('aria-label="Cảnh báo: Không sửa bản quét"');
    expect(html).toContain('callout--warning');
    expect(html).toContain('<p>Nội dung</p>');
  });

  it('refuses an unknown type with a message naming the component', async () => {
    await expect(container.renderToString(Callout, { props: { type: 'danger' } })).rejects.toThrow(
      /^Callout: thuộc tính "type"/,
    );
  });
});

describe('Steps and Checklist', () => {
  it('wrap the author’s list', async () => {
    const steps = await container.renderToString(Steps, { slots: { default: '<ol><li>Một</li></ol>' } });
    expect(steps).toMatch(/<div class="steps"[^>]*><ol><li>Một<\/li><\/ol><\/div>/);
    const checklist = await container.renderToString(Checklist, {
      props: { title: 'Trước khi quét' },
      slots: { default: '<ul><li>Đủ bút lục</li></ul>' },
    });
    expect(checklist).toMatch(
      /<figure class="checklist"[^>]*><figcaption class="checklist__title"[^>]*>Trước khi quét<\/figcaption><ul>/,
    );
  });

  it('gives the checklist a default title', async () => {
    const html = await container.renderToString(Checklist, { slots: { default: '<ul><li>x</li></ul>' } });
    expect(html).toContain('Danh sách kiểm tra');
  });
});

describe('Figure', () => {
  it('renders the image with its alt text and caption', async () => {
    const html = await container.renderToString(Figure, {
      props: { src: '/images/a.svg', alt: 'Sơ đồ điểm cầu', caption: 'Hình 1' },
    });
    expect(html).toContain('alt="Sơ đồ điểm cầu"');
    expect(html).toContain('<figcaption>Hình 1</figcaption>');
  });

  it('fails with a message naming the component and the image when alt is missing', async () => {
    await expect(container.renderToString(Figure, { props: { src: '/images/a.svg' } })).rejects.toThrow(
      'Figure: ảnh "/images/a.svg" thiếu thuộc tính "alt"',
    );
    await expect(container.renderToString(Figure, { props: { src: '/images/a.svg', alt: '  ' } })).rejects.toThrow(
      /thiếu thuộc tính "alt"/,
    );
  });
});

describe('KeyFigure', () => {
  it('shows the number the Vietnamese way with its label and source', async () => {
    const html = await container.renderToString(KeyFigure, {
      props: { value: 1234, label: 'trang đã quét', source: 'VKSND huyện Văn Yên, năm 2023' },
    });
    expect(html).toContain('1.234');
    expect(html).toContain('trang đã quét');
    expect(html).toContain('Nguồn: VKSND huyện Văn Yên, năm 2023');
  });
});

describe('LegalRef', () => {
  it('cites the document in a cite element', async () => {
    const html = await container.renderToString(LegalRef, {
      props: { kind: 'Nghị quyết', number: '33/2021/QH15', date: '2021-11-12', issuer: 'Quốc hội' },
    });
    expect(html).toMatch(/<cite[^>]*>Nghị quyết số 33\/2021\/QH15 ngày 12\/11\/2021 của Quốc hội<\/cite>/);
  });

  it('accepts a date written dd/mm/yyyy', async () => {
    const html = await container.renderToString(LegalRef, {
      props: { kind: 'Thông tư liên tịch', number: '05/2021/TTLT-TANDTC-VKSNDTC-BCA-BQP-BTP', date: '15/12/2021' },
    });
    expect(html).toContain('ngày 15/12/2021');
  });

  it('refuses an unreadable date', async () => {
    await expect(
      container.renderToString(LegalRef, { props: { kind: 'Kế hoạch', number: '1/KH', date: '31-02-2024x' } }),
    ).rejects.toThrow(/^LegalRef: ngày/);
  });
});

describe('Download', () => {
  it('links the file for download with its format and size', async () => {
    const html = await container.renderToString(Download, {
      props: { href: '/files/mau.pdf', title: 'Mẫu biên bản', format: 'pdf', size: 125_000 },
    });
    expect(html).toMatch(/<a href="\/files\/mau\.pdf" download/);
    expect(html).toContain('Tải về (PDF, 122 KB)');
  });

  it('measures a file shipped in public/ when no size is given', async () => {
    const html = await container.renderToString(Download, {
      props: { href: '/files/quy-tac-dat-ten-tep-ho-so.txt', title: 'Quy tắc', format: 'TXT' },
    });
    expect(html).toMatch(/Tải về \(TXT, \d+ KB\)/);
  });
});
