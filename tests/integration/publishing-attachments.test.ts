// Attachments through the real built server: the type is read from the content, names that
// lie and oversized files are refused with clear Vietnamese messages, files live outside the
// web root under content-hash names, images get a resized copy, and drafts' files stay private.
import { createHash } from 'node:crypto';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { sql } from './helpers/http';
import { act, pngBytes, recordIdOf, seminarForm, usePublishingSite, versionOf } from './helpers/publishing';

let recordId: string;
const UNIT = 'bo-phan-minh-hoa-a1';

const site = usePublishingSite(['organiser', 'leader']);
beforeAll(async () => {
  recordId = recordIdOf(await site.organiser.post('/bien-tap/toa-dam/moi/', { ...seminarForm(UNIT), intent: 'save' }));
});

/** Uploads a file through the editor form, with the record's fields as the form holds them. */
async function upload(
  name: string,
  bytes: Uint8Array,
  alt: string,
  type = 'application/octet-stream',
): Promise<Response> {
  const form = new FormData();
  for (const [key, value] of Object.entries(seminarForm(UNIT))) {
    for (const v of Array.isArray(value) ? value : [value]) form.append(key, v);
  }
  form.append('version', await versionOf(site.server.databaseUrl, recordId));
  form.append('intent', 'upload');
  form.append('uploadAlt', alt);
  form.append('upload', new File([new Uint8Array(bytes)], name, { type }));
  return site.organiser.post(`/bien-tap/ban-ghi/${recordId}/`, form);
}

async function attachmentCount(): Promise<number> {
  const rows = await sql(site.server.databaseUrl, 'SELECT count(*) AS n FROM record_attachments WHERE record_id = ?', [
    recordId,
  ]);
  return Number(rows.rows[0]?.n);
}

/** Folder of the uploads: next to the test server's database file. */
function uploadsDir(): string {
  return path.join(path.dirname(site.server.databaseUrl.slice('file:'.length)), 'uploads');
}

describe('refused uploads', () => {
  it('refuses a PNG renamed .pdf, naming what the content really is', async () => {
    const response = await upload('bien-ban.pdf', await pngBytes(), 'Ảnh chụp biên bản', 'application/pdf');
    expect(response.status).toBe(400);
    const page = await response.text();
    expect(page).toContain('Tệp “bien-ban.pdf” có đuôi .pdf nhưng nội dung là ảnh PNG.');
    expect(page).toContain('id="f-upload-error"');
    expect(await attachmentCount()).toBe(0);
  });

  it('refuses an HTML file renamed .jpg', async () => {
    const html = new TextEncoder().encode('<!doctype html><html><body><script>alert(1)</script></body></html>');
    const response = await upload('anh.jpg', html, 'Ảnh giả', 'image/jpeg');
    expect(response.status).toBe(400);
    expect(await response.text()).toContain(
      'Tệp “anh.jpg” không phải ảnh JPEG, PNG, WebP hay tài liệu PDF. Hệ thống kiểm tra nội dung tệp, không dựa vào tên tệp',
    );
    expect(await attachmentCount()).toBe(0);
  });

  it('refuses an image over 10 MB and a file over 20 MB, saying the limit', async () => {
    // A real PNG padded past 10 MB with a private chunk: still a PNG by content.
    const png = await pngBytes();
    const big = Buffer.concat([
      png.subarray(0, png.length - 12),
      Buffer.alloc(11 * 1024 * 1024),
      png.subarray(png.length - 12),
    ]);
    const image = await upload('toan-canh.png', big, 'Toàn cảnh hội trường', 'image/png');
    expect(image.status).toBe(400);
    expect(await image.text()).toMatch(/Ảnh “toan-canh\.png” nặng 11(,\d)? MB, vượt giới hạn 10 MB\./);
    const pdf = new Uint8Array(21 * 1024 * 1024);
    pdf.set(new TextEncoder().encode('%PDF-1.4\n'));
    const document = await upload('tai-lieu.pdf', pdf, 'Tài liệu tọa đàm', 'application/pdf');
    expect(document.status).toBe(400);
    expect(await document.text()).toContain('vượt giới hạn 20 MB cho tài liệu PDF');
    expect(await attachmentCount()).toBe(0);
  });

  it('refuses an image without alt text, and keeps the fields that were typed', async () => {
    const response = await upload('anh.png', await pngBytes(), '  ', 'image/png');
    expect(response.status).toBe(400);
    const page = await response.text();
    expect(page).toContain('Vui lòng mô tả nội dung ảnh');
    expect(page).toContain('value="Tọa đàm về lưu trữ hồ sơ số tại đơn vị"');
    expect(await attachmentCount()).toBe(0);
  });
});

describe('accepted uploads', () => {
  let imageId: string;
  const bytes: { png: Buffer } = { png: Buffer.alloc(0) };

  beforeAll(async () => {
    bytes.png = await pngBytes(2400, 1200);
    const response = await upload('Toàn cảnh.png', bytes.png, 'Toàn cảnh buổi tọa đàm tại hội trường', 'image/png');
    expect(response.status, await response.clone().text()).toBe(303);
    const rows = await sql(
      site.server.databaseUrl,
      'SELECT id, hash, mime, width, page_width FROM record_attachments WHERE record_id = ?',
      [recordId],
    );
    expect(rows.rows).toHaveLength(1);
    imageId = String(rows.rows[0]?.id);
  });

  it('stores the file outside the web root under its content hash, with a resized page copy', async () => {
    const hash = createHash('sha256').update(bytes.png).digest('hex');
    const files = (await readdir(uploadsDir())).sort();
    expect(files).toEqual([`${hash}-page.webp`, `${hash}.png`]);
    expect((await stat(path.join(uploadsDir(), `${hash}.png`))).size).toBe(bytes.png.length);
    const clientFiles = await readdir(path.join(site.server.dist, 'client'), { recursive: true });
    expect(clientFiles.some((f) => String(f).includes(hash))).toBe(false);
    const meta = await sharp(path.join(uploadsDir(), `${hash}-page.webp`)).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(['webp', 1600, 800]);
  });

  it("serves a draft's file to its author and reviewers only", async () => {
    const own = await site.organiser.get(`/tep/${imageId}/`);
    expect(own.status).toBe(200);
    expect(own.headers.get('content-type')).toBe('image/webp');
    expect(own.headers.get('x-content-type-options')).toBe('nosniff');
    expect((await site.leader.get(`/tep/${imageId}/`)).status).toBe(200);
    expect((await site.anonymous.get(`/tep/${imageId}/`)).status).toBe(404);
    expect((await site.anonymous.get(`/tep/${imageId}/goc/`)).status).toBe(404);
  });

  it('serves the files of a published record to everyone, the original as uploaded', async () => {
    expect((await act(site.server, site.organiser, recordId, 'submit', seminarForm(UNIT))).status).toBe(303);
    const published = await act(site.server, site.leader, recordId, 'publish', seminarForm(UNIT));
    expect(published.status).toBe(303);
    const original = await site.anonymous.get(`/tep/${imageId}/goc/`);
    expect(original.status).toBe(200);
    expect(original.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await original.arrayBuffer()).equals(bytes.png)).toBe(true);
    const slug = String(
      (await sql(site.server.databaseUrl, 'SELECT slug FROM records WHERE id = ?', [recordId])).rows[0]?.slug,
    );
    const page = await (await site.anonymous.get(`/toa-dam/${slug}/`)).text();
    expect(page).toContain(`src="/tep/${imageId}/"`);
    expect(page).toContain('alt="Toàn cảnh buổi tọa đàm tại hội trường"');
    expect(page).toContain('width="1600" height="800"');
  });

  it('answers 404 for attachments that do not exist, without revealing anything', async () => {
    expect((await site.anonymous.get('/tep/akhongtontai123/')).status).toBe(404);
    expect((await site.anonymous.get('/tep/..%2F..%2Fetc%2Fpasswd/')).status).toBe(404);
  });
});
