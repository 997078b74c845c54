import { experimental_AstroContainer as AstroContainer } from 'astro/container';
import { beforeAll, describe, expect, it } from 'vitest';
import { MindMap, mdxComponents, SlideBreak, SpeakerNotes } from '../../src/components/mdx';

let container: AstroContainer;

beforeAll(async () => {
  container = await AstroContainer.create();
});

const LIST = '<ul><li>Gốc<ul><li>Nhánh một<ul><li>Ý a</li></ul></li><li>Nhánh hai</li></ul></li></ul>';

describe('the MindMap component', () => {
  it('renders the author’s list as a static SVG with one node per item, plus the outline', async () => {
    const html = await container.renderToString(MindMap, { props: { title: 'Sơ đồ thử' }, slots: { default: LIST } });
    expect(html.match(/class="mm-node /g)).toHaveLength(4);
    expect(html).toContain('data-nodes="4"');
    expect(html).toContain('<summary>Xem dạng dàn ý</summary>');
    expect(html.match(/<li data-id=/g)).toHaveLength(4);
    expect(html).toMatch(/<svg [^>]*role="img" aria-label="Sơ đồ tư duy: Sơ đồ thử\./);
  });

  it('keeps its tools hidden until the script enhances it', async () => {
    const html = await container.renderToString(MindMap, { props: { title: 'Sơ đồ thử' }, slots: { default: LIST } });
    expect(html).toMatch(/<div class="mindmap__toolbar"[^>]* hidden/);
    for (const label of ['Tải SVG', 'Tải PNG', 'Phóng to', 'Thu nhỏ', 'Vừa khung'])
      expect(html).toContain(`>${label}</button>`);
  });

  it('draws an evidence map with typed nodes and a legend', async () => {
    const html = await container.renderToString(MindMap, {
      props: { title: 'Sơ đồ chứng cứ', variant: 'evidence' },
      slots: {
        default:
          '<ul><li>[fact] F<ul><li>[evidence] E<ul><li>[source] S, BL 1<ul><li>[assessment] Phù hợp</li></ul></li></ul></li></ul></li></ul>',
      },
    });
    for (const kind of ['fact', 'evidence', 'source', 'assessment']) expect(html).toContain(`mm-node--${kind}`);
    expect(html).toContain('Chú giải:');
    expect(html).not.toContain('[fact]');
  });

  it('refuses a map without a title or without a list, in Vietnamese', async () => {
    await expect(container.renderToString(MindMap, { props: { title: '' }, slots: { default: LIST } })).rejects.toThrow(
      /thiếu thuộc tính "title"/,
    );
    await expect(
      container.renderToString(MindMap, { props: { title: 'Trống' }, slots: { default: '<p>Không có danh sách</p>' } }),
    ).rejects.toThrow(/không tìm thấy nội dung/);
  });
});

describe('SpeakerNotes and SlideBreak', () => {
  it('are offered to authors without an import', () => {
    expect(mdxComponents).toMatchObject({ SpeakerNotes, SlideBreak, MindMap });
  });

  it('hide speaker notes on the page and from search', async () => {
    const html = await container.renderToString(SpeakerNotes, { slots: { default: '<p>Nhắc người nghe</p>' } });
    expect(html).toMatch(/<aside[^>]*data-speaker-notes[^>]* hidden/);
    expect(html).toContain('data-pagefind-ignore="all"');
    expect(html).toContain('<p>Nhắc người nghe</p>');
  });

  it('leave an invisible slide-break marker', async () => {
    const html = await container.renderToString(SlideBreak);
    expect(html).toMatch(/<div class="slide-break" data-slide-break hidden><\/div>/);
  });
});
