// Certificates: issued once on completion, unique verification codes, public verification, the PDF.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { certificates } from '../../db/schema/index';
import {
  findOwnCertificate,
  generateVerificationCode,
  issueCertificate,
  listCertificates,
  markLessonDone,
  normaliseVerificationCode,
  recomputeCourseCompletion,
  renderCertificatePdf,
  verifyCertificate,
} from '../../src/lib/server/learning/index';
import { useTestDatabase } from '../support/db';
import { addPerson, COURSE_B, testCatalog } from './helpers/learning';

const t = useTestDatabase();

const catalog = testCatalog();
const CODE = /^[2-9A-HJKMNP-TV-Z]{4}-[2-9A-HJKMNP-TV-Z]{4}-[2-9A-HJKMNP-TV-Z]{4}$/;
const hasPdftotext = spawnSync('pdftotext', ['-v']).error === undefined;

describe('verification codes', () => {
  it('are drawn without misreadable characters and do not repeat in 20,000 draws', () => {
    const codes = Array.from({ length: 20_000 }, generateVerificationCode);
    for (const code of codes.slice(0, 200)) expect(code).toMatch(CODE);
    expect(new Set(codes).size).toBe(codes.length);
    // Every symbol of the alphabet shows up: the draw is not stuck on a subset.
    expect(new Set(codes.join('').replace(/-/g, '')).size).toBe(30);
  });

  it('are accepted as typed from paper: lower case, spaces, missing dashes', () => {
    expect(normaliseVerificationCode('k7qf 3m9t xw2h')).toBe('K7QF-3M9T-XW2H');
    expect(normaliseVerificationCode('K7QF3M9TXW2H')).toBe('K7QF-3M9T-XW2H');
    expect(normaliseVerificationCode('K7QF-3M9T-XW2')).toBeNull();
    expect(normaliseVerificationCode('O0I1-3M9T-XW2H')).toBeNull();
    expect(normaliseVerificationCode("' OR 1=1 --")).toBeNull();
  });
});

describe('issuing certificates', () => {
  it('issues one certificate on completion with the facts of the account and the course', async () => {
    const person = await addPerson(t.database, {
      unitId: 'bo-phan-minh-hoa-a1',
      fullName: 'Trần Thị Ánh Tuyết',
      position: 'Kiểm tra viên',
    });
    const result = await markLessonDone(t.database, person.id, 'bai-b1', {
      catalog,
      now: new Date('2026-10-20T20:00:00Z'),
    });
    if (!result.ok || !result.course.completed) throw new Error('course not completed');
    const [certificate] = await listCertificates(t.database, person.id);
    expect(certificate).toMatchObject({
      code: result.course.certificateCode,
      fullName: 'Trần Thị Ánh Tuyết',
      position: 'Kiểm tra viên',
      unitName: 'Bộ phận minh họa A1 (dữ liệu mẫu)',
      courseTitle: COURSE_B.title,
      hours: 1.5,
      completedAt: new Date('2026-10-20T20:00:00Z'),
    });
    expect(certificate?.code).toMatch(CODE);
    // Recomputing never issues a second one.
    await t.database.write((tx) =>
      recomputeCourseCompletion(tx, person.id, 'khoa-b', catalog, { now: new Date('2026-10-21T00:00:00Z') }),
    );
    expect(await listCertificates(t.database, person.id)).toHaveLength(1);
  });

  it('draws another code when the first one is already taken', async () => {
    const first = await addPerson(t.database, { unitId: 'bo-phan-minh-hoa-a1' });
    const second = await addPerson(t.database, { unitId: 'bo-phan-minh-hoa-a1' });
    const now = new Date('2026-10-22T00:00:00Z');
    const taken = await t.database.write((tx) =>
      issueCertificate(tx, first.id, COURSE_B, now, { now, newCode: () => 'AAAA-BBBB-CCCC' }),
    );
    expect(taken).toBe('AAAA-BBBB-CCCC');
    const draws = ['AAAA-BBBB-CCCC', 'AAAA-BBBB-CCCC', 'DDDD-EEEE-FFFF'];
    const code = await t.database.write((tx) =>
      issueCertificate(tx, second.id, COURSE_B, now, { now, newCode: () => draws.shift() ?? 'never' }),
    );
    expect(code).toBe('DDDD-EEEE-FFFF');
    // The database itself refuses a duplicate code, whatever the code above does.
    await expect(
      t.database.write((tx) =>
        tx.insert(certificates).values({
          code: 'DDDD-EEEE-FFFF',
          userId: first.id,
          courseId: 'khoa-a',
          fullName: 'x',
          position: 'x',
          unitName: 'x',
          courseTitle: 'x',
          hours: 1,
          completedAt: now,
          issuedAt: now,
        }),
      ),
    ).rejects.toThrow();
  });

  it('verifies a code publicly with only the name, the course and the date', async () => {
    const person = await addPerson(t.database, { unitId: 'bo-phan-minh-hoa-a1', fullName: 'Lê Văn Đức' });
    await markLessonDone(t.database, person.id, 'bai-b1', { catalog, now: new Date('2026-10-23T01:00:00Z') });
    const [mine] = await listCertificates(t.database, person.id);
    const publicView = await verifyCertificate(t.database, mine!.code.toLowerCase());
    expect(publicView).toEqual({
      code: mine!.code,
      fullName: 'Lê Văn Đức',
      courseTitle: COURSE_B.title,
      completedAt: new Date('2026-10-23T01:00:00Z'),
    });
    expect(await verifyCertificate(t.database, 'ZZZZ-ZZZZ-ZZZZ')).toBeNull();
    expect(await verifyCertificate(t.database, 'không phải mã')).toBeNull();
    const other = await addPerson(t.database, { unitId: 'bo-phan-minh-hoa-a1' });
    expect(await findOwnCertificate(t.database, other.id, mine!.code)).toBeNull();
    expect(await findOwnCertificate(t.database, person.id, mine!.code)).not.toBeNull();
    const rows = await t.database.db.select().from(certificates).where(eq(certificates.code, mine!.code));
    expect(rows).toHaveLength(1);
  });
});

describe('the certificate PDF', () => {
  const certificate = {
    code: 'K7QF-3M9T-XW2H',
    userId: 'u',
    courseId: 'c',
    fullName: 'Nguyễn Thị Hồng Nhung',
    position: 'Phó Viện trưởng',
    unitName: 'Viện kiểm sát nhân dân khu vực 7 – Cần Thơ',
    courseTitle: 'Công bố, trình chiếu chứng cứ tại phiên tòa',
    hours: 4.5,
    // 23:30 on 20/11 in Vietnam is still 20/11 there, although it is 16:30 UTC.
    completedAt: new Date('2026-11-20T16:30:00Z'),
    issuedAt: new Date('2026-11-20T16:30:00Z'),
  };

  it('is a one-page PDF with the DejaVu Serif font embedded', async () => {
    const bytes = await renderCertificatePdf(certificate, 'https://taphuan.example.vn');
    const text = Buffer.from(bytes).toString('latin1');
    expect(text.startsWith('%PDF-')).toBe(true);
    expect(text).toMatch(/\/FontName \/[A-Z]{6}\+DejaVuSerif\b/);
    expect(text).toMatch(/\/FontName \/[A-Z]{6}\+DejaVuSerif-Bold\b/);
    expect(text.match(/\/Type \/Page\b/g)).toHaveLength(1);
    expect(bytes.length).toBeLessThan(120_000);
  });

  it.skipIf(!hasPdftotext)('holds every printed fact in text that extracts as correct Vietnamese', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'chung-nhan-'));
    try {
      const file = path.join(dir, 'cert.pdf');
      writeFileSync(file, await renderCertificatePdf(certificate, 'https://taphuan.example.vn/'));
      const text = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).normalize('NFC');
      for (const fact of [
        'Nguyễn Thị Hồng Nhung',
        'Phó Viện trưởng',
        'Viện kiểm sát nhân dân khu vực 7 – Cần Thơ',
        'Công bố, trình chiếu chứng cứ tại phiên tòa',
        'Thời lượng: 4,5 giờ',
        'Ngày hoàn thành: 20/11/2026',
        'Mã xác minh: K7QF-3M9T-XW2H',
        'https://taphuan.example.vn/chung-nhan/K7QF-3M9T-XW2H',
      ]) {
        expect(text).toContain(fact);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
