import { experimental_AstroContainer as AstroContainer } from 'astro/container';
import { beforeAll, describe, expect, it } from 'vitest';
import ContentSlides from '../../src/components/presentation/ContentSlides.astro';

let container: AstroContainer;
beforeAll(async () => {
  container = await AstroContainer.create();
});

/** The slides' sections, in order. */
const sections = (html: string) => html.split('<section').slice(1);

describe('ContentSlides', () => {
  it('gives the slide made of the text before the first heading a heading for screen readers', async () => {
    const html = await container.renderToString(ContentSlides, {
      props: { introLabel: 'Mở đầu' },
      slots: { default: '<p>Lời dẫn của bài.</p><h2>Chuẩn bị</h2><p>Nội dung.</p>' },
    });
    const [intro, first] = sections(html);
    expect(intro).toContain('<h2 class="visually-hidden">Mở đầu</h2>');
    expect(intro).toContain('data-label="Mở đầu"');
    expect(first).toContain('<h2>Chuẩn bị</h2>');
    expect(first).not.toContain('visually-hidden');
  });

  it('adds no extra heading when the content starts with one', async () => {
    const html = await container.renderToString(ContentSlides, {
      slots: { default: '<h2>Một</h2><p>a</p><h2>Hai</h2><p>b</p>' },
    });
    expect(sections(html)).toHaveLength(2);
    expect(html).not.toContain('visually-hidden');
  });
});
