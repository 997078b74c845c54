// The publishing workflow through the real built server: organisers write and submit,
// reviewers (admins, leaders of the record's unit subtree) publish or return, every change
// keeps a revision, published records show up in the lists and unit pages, drafts stay private.
import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO_USERS } from '../support/server';
import { loginAs, sql, type HttpClient } from './helpers/http';
import { act, practiceForm, recordIdOf, seminarForm, usePublishingSite } from './helpers/publishing';

/** Unit A1 is below unit A (the demo leader's unit); unit B is elsewhere. */
const UNIT_A1 = 'bo-phan-minh-hoa-a1';
const UNIT_B = 'don-vi-minh-hoa-b';

const site = usePublishingSite(['organiser', 'leader', 'admin', 'learner'], {
  env: { THROTTLE_USERNAME_FREE: '1000', THROTTLE_IP_FREE: '1000' },
});

async function statusOf(id: string): Promise<string> {
  const rows = await sql(site.server.databaseUrl, 'SELECT status FROM records WHERE id = ?', [id]);
  return String(rows.rows[0]?.status);
}

async function slugOf(id: string): Promise<string> {
  const rows = await sql(site.server.databaseUrl, 'SELECT slug FROM records WHERE id = ?', [id]);
  return String(rows.rows[0]?.slug);
}

async function createSubmitted(
  form: Record<string, string | string[]>,
  path = '/bien-tap/toa-dam/moi/',
): Promise<string> {
  const response = await site.organiser.post(path, { ...form, intent: 'submit' });
  expect(response.status, await response.clone().text()).toBe(303);
  const id = recordIdOf(response);
  expect(await statusOf(id)).toBe('submitted');
  return id;
}

/**
 * Posts `fields` to the new seminar editor, expects a redirect to a record saved as a draft,
 * and returns where it points and the editor page found there.
 */
async function postNewDraft(fields: Record<string, string | string[]>): Promise<{ location: string; page: string }> {
  const response = await site.organiser.post('/bien-tap/toa-dam/moi/', fields);
  expect(response.status).toBe(303);
  expect(await statusOf(recordIdOf(response))).toBe('draft');
  const location = response.headers.get('location')!;
  return { location, page: await (await site.organiser.get(location)).text() };
}

/** Saves `form` (a complete seminar record of unit A1 by default) as the organiser's new draft. */
async function createDraft(form = seminarForm(UNIT_A1)): Promise<string> {
  return recordIdOf(await site.organiser.post('/bien-tap/toa-dam/moi/', { ...form, intent: 'save' }));
}

/**
 * Posts `body` as JSON to `path` with `client`'s session cookie and the server's own Origin;
 * `headers` add to those or replace them.
 */
function postJson(client: HttpClient, path: string, body: unknown, headers: Record<string, string> = {}) {
  return fetch(`${site.server.url}${path}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      origin: site.server.url,
      cookie: `taphuan_session=${client.sessionToken()}`,
      ...headers,
    },
    body: JSON.stringify(body),
  });
}

const ACCEPT_JSON = { accept: 'application/json' };

describe('writing a record', () => {
  it('keeps an incomplete draft, then lists what is missing next to each field in Vietnamese', async () => {
    const { page } = await postNewDraft({ title: 'Tọa đàm chưa xong', intent: 'save' });
    expect(page).toContain('value="Tọa đàm chưa xong"');
    expect(page).toContain('id="f-summary-error"');
    expect(page).toContain('Vui lòng nhập tóm tắt.');
    expect(page).toContain('Vui lòng chọn ít nhất một chủ đề.');
  });

  it('shows the error of a group of table rows inside that group, like the error summary says', async () => {
    const rows = Object.fromEntries(
      Array.from({ length: 61 }, (_, i) => [`followUps.${i}.action`, `Việc cần làm số ${i + 1}`]),
    );
    const response = await site.organiser.post('/bien-tap/toa-dam/moi/', {
      ...seminarForm(UNIT_A1),
      ...rows,
      intent: 'save',
    });
    expect(response.status).toBe(303);
    const page = await (await site.organiser.get(response.headers.get('location')!)).text();
    const group = /<fieldset class="ed-section" id="f-followUps">[\s\S]*?<\/fieldset>/.exec(page)?.[0] ?? '';
    expect(group).toContain('Tối đa 60 dòng.');
  });

  it('refuses to submit an incomplete record, keeps what was typed and names the fields', async () => {
    const form = seminarForm(UNIT_A1, { summary: 'Ngắn quá', 'followUps.0.deadline': '31/02/2026', topics: [] });
    // The draft is saved (nothing is lost) but not submitted.
    const { location, page } = await postNewDraft({ ...form, intent: 'submit' });
    expect(location).toContain('ket-qua=chua-gui');
    expect(page).toContain('Cần ít nhất 20 ký tự.');
    expect(page).toContain('Ngày không hợp lệ');
    expect(page).toContain('Vui lòng chọn ít nhất một chủ đề.');
    expect(page).toContain('value="31/02/2026"');
    // Text areas give back exactly what was typed (no added indentation).
    expect(page).toMatch(/<textarea id="f-body"[^>]*>## Diễn biến\n\nCác đại biểu/);
    expect(page).toContain('Thống nhất lập kho lưu trữ tập trung cho hồ sơ đã số hóa.');
    expect(page).toMatch(
      /aria-invalid="true"[^>]*aria-describedby="f-summary-error"|aria-describedby="[^"]*f-summary-error"/,
    );
  });

  it('writes no revision when a form is saved again unchanged', async () => {
    const id = await createDraft();
    const count = async () =>
      Number(
        (await sql(site.server.databaseUrl, 'SELECT count(*) AS n FROM record_revisions WHERE record_id = ?', [id]))
          .rows[0]?.n,
      );
    expect(await count()).toBe(1);
    expect((await act(site.server, site.organiser, id, 'save', seminarForm(UNIT_A1))).status).toBe(303);
    expect(await count()).toBe(1);
    expect(
      (
        await act(
          site.server,
          site.organiser,
          id,
          'save',
          seminarForm(UNIT_A1, { 'solutions.1': 'Một giải pháp mới.' }),
        )
      ).status,
    ).toBe(303);
    expect(await count()).toBe(2);
  });

  it('re-renders the plain form with more rows when "Thêm dòng" is pressed, keeping the values', async () => {
    const response = await site.organiser.post('/bien-tap/toa-dam/moi/', {
      ...seminarForm(UNIT_A1),
      '_rows.conclusions': '3',
      intent: 'add:conclusions',
    });
    expect(response.status).toBe(200);
    const page = await response.text();
    expect(page).toContain('name="conclusions.5"');
    expect(page).toContain('Thống nhất lập kho lưu trữ tập trung cho hồ sơ đã số hóa.');
  });

  it('previews the body without JavaScript, rendered and sanitised by the server', async () => {
    const response = await site.organiser.post('/bien-tap/toa-dam/moi/', {
      ...seminarForm(UNIT_A1, { body: '## Mục một\n\n<script>alert(1)</script> [x](javascript:alert(1))' }),
      intent: 'preview',
    });
    const page = await response.text();
    expect(page).toContain('<h2>Mục một</h2>');
    expect(page).not.toContain('<script>alert(1)</script>');
    expect(page).not.toMatch(/href="javascript:/i);
  });

  it('answers the live preview endpoint with sanitised HTML, for authors only', async () => {
    const preview = { body: '**đậm** <img src=x onerror=alert(1)>' };
    const ok = await postJson(site.organiser, '/bien-tap/xem-truoc', preview, ACCEPT_JSON);
    expect(ok.status).toBe(200);
    const { html } = (await ok.json()) as { html: string };
    expect(html).toContain('<strong>đậm</strong>');
    expect(html).not.toContain('<img');
    const refused = await postJson(site.learner, '/bien-tap/xem-truoc', { body: 'x' });
    expect(refused.status).toBe(403);
    const fromElsewhere = { origin: 'https://evil.example' };
    const crossSite = await postJson(site.organiser, '/bien-tap/xem-truoc', { body: 'x' }, fromElsewhere);
    expect(crossSite.status).toBe(403);
  });
});

describe('who may review and publish', () => {
  it('does not let an organiser publish, even their own submitted record', async () => {
    const id = await createSubmitted(seminarForm(UNIT_A1));
    const response = await act(site.server, site.organiser, id, 'publish', seminarForm(UNIT_A1));
    expect(response.status).toBe(403);
    expect(await statusOf(id)).toBe('submitted');
    // Nor edit it while it waits for review.
    const sneaked = seminarForm(UNIT_A1, { title: 'Tiêu đề sửa lén sau khi gửi' });
    const edit = await act(site.server, site.organiser, id, 'save', sneaked);
    expect(edit.status).toBe(403);
  });

  it('lets a leader publish only inside their unit subtree', async () => {
    const outsideForm = seminarForm(UNIT_B, { title: 'Tọa đàm của đơn vị B về số hóa' });
    const outside = await createSubmitted(outsideForm);
    expect((await site.leader.get(`/bien-tap/ban-ghi/${outside}/`)).status).toBe(404);
    const refused = await site.leader.post(`/bien-tap/ban-ghi/${outside}/`, {
      ...seminarForm(UNIT_B),
      intent: 'publish',
      version: '2',
    });
    expect(refused.status).toBe(404);
    expect(await statusOf(outside)).toBe('submitted');

    const insideTitle = 'Tọa đàm của bộ phận A1 về số hóa';
    const inside = await createSubmitted(seminarForm(UNIT_A1, { title: insideTitle }));
    const queue = await (await site.leader.get('/bien-tap/duyet/')).text();
    expect(queue).toContain(insideTitle);
    expect(queue).not.toContain('Tọa đàm của đơn vị B về số hóa');
    const published = await act(
      site.server,
      site.leader,
      inside,
      'publish',
      seminarForm(UNIT_A1, { title: insideTitle }),
    );
    expect(published.status).toBe(303);
    expect(published.headers.get('location')).toContain('ket-qua=da-xuat-ban');
    expect(await statusOf(inside)).toBe('published');

    // A leader cannot move a record they review out of their scope.
    const moved = await act(site.server, site.leader, inside, 'save', seminarForm(UNIT_B, { title: insideTitle }));
    expect(moved.status).toBe(400);
    expect(await moved.text()).toContain('Đơn vị này nằm ngoài phạm vi bạn được duyệt.');

    // An admin reviews every unit.
    const byAdmin = await act(site.server, site.admin, outside, 'publish', outsideForm);
    expect(byAdmin.status).toBe(303);
    expect(await statusOf(outside)).toBe('published');
  });

  it('keeps learners out of the editing area', async () => {
    expect((await site.learner.get('/bien-tap/')).status).toBe(403);
    expect(
      (await site.learner.post('/bien-tap/toa-dam/moi/', { ...seminarForm(UNIT_A1), intent: 'save' })).status,
    ).toBe(403);
    expect((await site.anonymous.get('/bien-tap/toa-dam/moi/')).status).toBe(401);
  });

  it('returns a record with a required comment that the author then sees', async () => {
    const form = seminarForm(UNIT_A1, { title: 'Tọa đàm cần bổ sung thành phần' });
    const id = await createSubmitted(form);
    const noComment = await act(site.server, site.leader, id, 'return', { reviewComment: '' });
    expect(noComment.status).toBe(400);
    expect(await noComment.text()).toContain('Vui lòng ghi góp ý cho người viết');
    expect(await statusOf(id)).toBe('submitted');
    const returned = await act(site.server, site.leader, id, 'return', {
      reviewComment: 'Bổ sung danh sách đơn vị tham dự.',
    });
    expect(returned.status).toBe(303);
    expect(await statusOf(id)).toBe('returned');
    const page = await (await site.organiser.get(`/bien-tap/ban-ghi/${id}/`)).text();
    expect(page).toContain('Bổ sung danh sách đơn vị tham dự.');
    expect(page).toContain('Bị trả lại');
    // The author fixes it and submits again.
    const again = await act(site.server, site.organiser, id, 'submit', form);
    expect(again.status).toBe(303);
    expect(await statusOf(id)).toBe('submitted');
  });

  it('refuses a save made from a stale form and keeps what was typed', async () => {
    const id = await createDraft();
    const firstEdit = seminarForm(UNIT_A1, { title: 'Bản sửa thứ nhất của tọa đàm' });
    const first = await act(site.server, site.organiser, id, 'save', firstEdit);
    expect(first.status).toBe(303);
    const stale = await site.organiser.post(`/bien-tap/ban-ghi/${id}/`, {
      ...seminarForm(UNIT_A1, { title: 'Bản sửa từ thẻ cũ của tọa đàm' }),
      intent: 'save',
      version: '1',
    });
    expect(stale.status).toBe(409);
    const page = await stale.text();
    expect(page).toContain('value="Bản sửa từ thẻ cũ của tọa đàm"');
    expect(page).toContain('vừa được thay đổi ở nơi khác');
  });
});

describe('revisions', () => {
  it('keeps who changed what and when, with a full snapshot, for every change', async () => {
    const title = 'Tọa đàm có lịch sử thay đổi';
    const id = await createSubmitted(seminarForm(UNIT_A1, { title }));
    await act(site.server, site.leader, id, 'return', { reviewComment: 'Ghi rõ thời hạn từng việc.' });
    const fixed = seminarForm(UNIT_A1, { title, 'followUps.0.deadline': '2026-09-30' });
    await act(site.server, site.organiser, id, 'save', fixed);
    await act(site.server, site.organiser, id, 'submit', fixed);
    await act(site.server, site.leader, id, 'publish', fixed);
    const rows = await sql(
      site.server.databaseUrl,
      `SELECT r.number, r.action, r.status, r.changed_fields, r.snapshot, r.comment, u.username
         FROM record_revisions r JOIN users u ON u.id = r.user_id WHERE r.record_id = ? ORDER BY r.number`,
      [id],
    );
    const summary = rows.rows.map((r) => [r.number, r.action, r.status, r.username]);
    expect(summary).toEqual([
      [1, 'create', 'submitted', DEMO_USERS.organiser],
      [2, 'submit', 'submitted', DEMO_USERS.organiser],
      [3, 'return', 'returned', DEMO_USERS.leader],
      [4, 'save', 'returned', DEMO_USERS.organiser],
      [5, 'submit', 'submitted', DEMO_USERS.organiser],
      [6, 'publish', 'published', DEMO_USERS.leader],
    ]);
    expect(JSON.parse(String(rows.rows[3]?.changed_fields))).toEqual(['followUps']);
    expect(rows.rows[2]?.comment).toBe('Ghi rõ thời hạn từng việc.');
    const snapshot = JSON.parse(String(rows.rows[3]?.snapshot)) as { data: { followUps: { deadline: string }[] } };
    expect(snapshot.data.followUps[0]?.deadline).toBe('2026-09-30');
    const history = await (await site.organiser.get(`/bien-tap/ban-ghi/${id}/`)).text();
    expect(history).toContain('Lịch sử thay đổi');
    expect(history).toContain('Việc cần làm tiếp theo'.toLowerCase());
  });
});

describe('published records on the public site', () => {
  const PRACTICE_TITLE = 'Cách làm hay về sơ đồ hóa chứng cứ ở A1';
  let id: string;
  let slug: string;

  beforeAll(async () => {
    const form = practiceForm(UNIT_A1, { title: PRACTICE_TITLE });
    id = await createSubmitted(form, '/bien-tap/cach-lam-hay/moi/');
    await act(site.server, site.leader, id, 'publish', form);
    slug = await slugOf(id);
  });

  it('serves the record at /cach-lam-hay/<id>/ in the layout of content records', async () => {
    expect(slug).toBe('cach-lam-hay-ve-so-do-hoa-chung-cu-o-a1');
    const page = await (await site.anonymous.get(`/cach-lam-hay/${slug}/`)).text();
    expect(page).toContain(`<h1>${PRACTICE_TITLE}</h1>`);
    expect(page).toContain('data-pagefind-body');
    expect(page).toContain('class="key-figure__value">19');
    expect(page).toContain('Cách áp dụng ở đơn vị khác');
    const content = await (await site.anonymous.get('/cach-lam-hay/van-yen-ung-dung-cntt-2023/')).text();
    for (const marker of ['class="record"', 'class="facts"', 'id="ket-qua"', 'id="cach-nhan-rong"']) {
      expect(page, marker).toContain(marker);
      expect(content, marker).toContain(marker);
    }
  });

  it('lists it with the content records, filters it by unit, topic and year, and shows it on its unit page', async () => {
    const list = await (await site.anonymous.get('/cach-lam-hay/')).text();
    expect(list).toContain(`/cach-lam-hay/${slug}/`);
    expect(list).toContain('/cach-lam-hay/van-yen-ung-dung-cntt-2023/');
    expect(await (await site.anonymous.get('/cach-lam-hay/?don-vi=don-vi-minh-hoa-a')).text()).toContain(
      `/cach-lam-hay/${slug}/`,
    );
    expect(await (await site.anonymous.get('/cach-lam-hay/?chu-de=so-do-tu-duy&nam=2025')).text()).toContain(
      `/cach-lam-hay/${slug}/`,
    );
    expect(await (await site.anonymous.get('/cach-lam-hay/?don-vi=vksnd-tinh-yen-bai')).text()).not.toContain(
      `/cach-lam-hay/${slug}/`,
    );
    const unit = await site.anonymous.get(`/don-vi/${UNIT_A1}/`);
    expect(unit.status).toBe(200);
    expect(await unit.text()).toContain(`/cach-lam-hay/${slug}/`);
  });

  it('keeps a correction published and shows it', async () => {
    const correction = practiceForm(UNIT_A1, { title: PRACTICE_TITLE, 'results.0.value': '21' });
    const corrected = await act(site.server, site.leader, id, 'save', correction);
    expect(corrected.status).toBe(303);
    expect(corrected.headers.get('location')).toContain('ket-qua=da-sua');
    expect(await statusOf(id)).toBe('published');
    expect(await (await site.anonymous.get(`/cach-lam-hay/${slug}/`)).text()).toContain('class="key-figure__value">21');
    const actions = await sql(
      site.server.databaseUrl,
      'SELECT action FROM record_revisions WHERE record_id = ? ORDER BY number DESC LIMIT 1',
      [id],
    );
    expect(actions.rows[0]?.action).toBe('correct');
  });

  it('removes an unpublished record from its page, the list and the unit page', async () => {
    const down = await act(site.server, site.leader, id, 'unpublish', { reviewComment: 'Số liệu cần kiểm tra lại.' });
    expect(down.status).toBe(303);
    expect((await site.anonymous.get(`/cach-lam-hay/${slug}/`)).status).toBe(404);
    expect(await (await site.anonymous.get('/cach-lam-hay/')).text()).not.toContain(`/cach-lam-hay/${slug}/`);
    expect(await (await site.anonymous.get(`/don-vi/${UNIT_A1}/`)).text()).not.toContain(`/cach-lam-hay/${slug}/`);
  });
});

describe('drafts stay private', () => {
  it('shows a draft only to its author and its reviewers', async () => {
    const id = await createDraft();
    expect((await site.organiser.get(`/bien-tap/ban-ghi/${id}/xem/`)).status).toBe(200);
    expect((await site.leader.get(`/bien-tap/ban-ghi/${id}/xem/`)).status).toBe(200);
    expect((await site.admin.get(`/bien-tap/ban-ghi/${id}/`)).status).toBe(200);
    const other = await loginAs(site.server.url, DEMO_USERS.organiser);
    expect((await other.get(`/bien-tap/ban-ghi/${id}/`)).status).toBe(200);
    // A leader of another subtree sees nothing: the unit B leader does not exist in the demo,
    // so make the record's unit B and check the A leader.
    const bid = await createDraft(seminarForm(UNIT_B));
    expect((await site.leader.get(`/bien-tap/ban-ghi/${bid}/xem/`)).status).toBe(404);
    expect((await site.learner.get(`/bien-tap/ban-ghi/${bid}/xem/`)).status).toBe(403);
    expect((await site.anonymous.get(`/bien-tap/ban-ghi/${bid}/xem/`)).status).toBe(401);
  });
});

describe('autosave', () => {
  it('keeps what an editor holds and offers it back when the editor opens again', async () => {
    const id = await createDraft();
    const pairs = [
      ['title', 'Tiêu đề đang gõ dở khi phiên hết hạn'],
      ['topics', 'so-hoa-ho-so'],
    ];
    const save = await postJson(site.organiser, '/bien-tap/tu-luu', { key: id, pairs }, ACCEPT_JSON);
    expect(save.status).toBe(200);
    const page = await (await site.organiser.get(`/bien-tap/ban-ghi/${id}/`)).text();
    expect(page).toContain('Có nội dung bạn đang soạn dở chưa lưu');
    const restored = await site.organiser.post(`/bien-tap/ban-ghi/${id}/`, { intent: 'restore-server' });
    expect(await restored.text()).toContain('value="Tiêu đề đang gõ dở khi phiên hết hạn"');
    // Another person cannot write into this editor's autosave.
    const intruder = await postJson(site.leader, '/bien-tap/tu-luu', { key: id, pairs: [['title', 'x']] }, ACCEPT_JSON);
    expect(intruder.status).toBe(403);
  });
});
