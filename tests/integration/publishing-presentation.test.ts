// Records published from the browser get a presentation ("Trình chiếu") like records from
// content files: the built server renders their slides on demand, links to them from the
// record page, and answers 404 for unknown or unpublished records.
import { beforeAll, describe, expect, it } from 'vitest';
import { sql } from './helpers/http';
import { act, practiceForm, recordIdOf, seminarForm, usePublishingSite } from './helpers/publishing';

const UNIT = 'bo-phan-minh-hoa-a1';

const site = usePublishingSite(['organiser', 'leader']);

async function publish(form: Record<string, string | string[]>, editor: string): Promise<string> {
  const submitted = await site.organiser.post(editor, { ...form, intent: 'submit' });
  expect(submitted.status).toBe(303);
  const id = recordIdOf(submitted);
  const published = await act(site.server, site.leader, id, 'publish', form);
  expect(published.headers.get('location')).toContain('ket-qua=da-xuat-ban');
  const rows = await sql(site.server.databaseUrl, 'SELECT slug FROM records WHERE id = ?', [id]);
  return String(rows.rows[0]?.slug);
}

/** The `data-label` of every slide, in order. */
function slideLabels(html: string): string[] {
  return [...html.matchAll(/<section[^>]*data-slide[^>]*data-label="([^"]*)"/g)].map((m) => m[1] ?? '');
}

describe('presentation of a seminar record published from the browser', () => {
  const form = seminarForm(UNIT, {
    title: 'Tọa đàm về trình chiếu hồ sơ số tại phiên tòa',
    'conclusions.0': 'Mỗi phiên tòa có một cán bộ phụ trách máy chiếu và bản sao dự phòng.',
  });
  let slug: string;
  let id: string;

  beforeAll(async () => {
    slug = await publish(form, '/bien-tap/toa-dam/moi/');
    const rows = await sql(site.server.databaseUrl, 'SELECT id FROM records WHERE slug = ?', [slug]);
    id = String(rows.rows[0]?.id);
  });

  it('renders the record as slides for anonymous visitors: title, fields, body and conclusions', async () => {
    const response = await site.anonymous.get(`/trinh-chieu/toa-dam/${slug}/`);
    expect(response.status).toBe(200);
    const deck = await response.text();
    expect(deck).toContain('data-deck');
    expect(deck).toMatch(
      /class="slide slide--title"[^>]*>[\s\S]*?<h1>Tọa đàm về trình chiếu hồ sơ số tại phiên tòa<\/h1>/,
    );
    expect(slideLabels(deck)).toEqual([
      'Tọa đàm về trình chiếu hồ sơ số tại phiên tòa',
      'Thành phần tham dự',
      'Diễn biến',
      'Khó khăn, vướng mắc',
      'Giải pháp đề xuất',
      'Kết luận',
      'Việc cần làm tiếp theo',
    ]);
    expect(deck).toContain('Mỗi phiên tòa có một cán bộ phụ trách máy chiếu và bản sao dự phòng.');
    expect(deck).toContain('<strong>thực tế</strong>');
    expect(deck).toContain(`href="/toa-dam/${slug}/"`);
  });

  it('links to the presentation from the record page', async () => {
    const page = await (await site.anonymous.get(`/toa-dam/${slug}/`)).text();
    expect(page).toContain(`href="/trinh-chieu/toa-dam/${slug}/"`);
    expect(page).toContain('Trình chiếu</a>');
  });

  it('answers 404 for an unknown id and for a record no longer published', async () => {
    expect((await site.anonymous.get('/trinh-chieu/toa-dam/khong-co-toa-dam-nay/')).status).toBe(404);
    expect((await site.anonymous.get(`/trinh-chieu/cach-lam-hay/${slug}/`)).status).toBe(404);
    const down = await act(site.server, site.leader, id, 'unpublish', { reviewComment: 'Cần bổ sung kết luận.' });
    expect(down.status).toBe(303);
    expect((await site.anonymous.get(`/trinh-chieu/toa-dam/${slug}/`)).status).toBe(404);
  });
});

describe('presentation of a practice write-up published from the browser', () => {
  it('renders its slides and is linked from its page', async () => {
    const slug = await publish(
      practiceForm(UNIT, { title: 'Cách làm hay về trình chiếu sơ đồ ở A1' }),
      '/bien-tap/cach-lam-hay/moi/',
    );
    const response = await site.anonymous.get(`/trinh-chieu/cach-lam-hay/${slug}/`);
    expect(response.status).toBe(200);
    const deck = await response.text();
    expect(slideLabels(deck)).toEqual([
      'Cách làm hay về trình chiếu sơ đồ ở A1',
      'Kết quả',
      'Giới thiệu',
      'Khó khăn',
      'Cách áp dụng ở đơn vị khác',
    ]);
    expect(deck).toContain('Bài viết chia sẻ cách làm.');
    const page = await (await site.anonymous.get(`/cach-lam-hay/${slug}/`)).text();
    expect(page).toContain(`href="/trinh-chieu/cach-lam-hay/${slug}/"`);
  });
});
