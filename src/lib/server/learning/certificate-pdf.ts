import { readFile } from 'node:fs/promises';
import path from 'node:path';
import PDFDocument from 'pdfkit';
import { formatHours } from '../../shared/format';
import { formatVietnamDate } from '../../shared/learning/days';
import type { Certificate } from './certificates';

/**
 * Folder of the certificate fonts: `$FONTS_DIR` or assets/fonts/dejavu from the working
 * directory (the server runs from the project root, like the content syncs). DejaVu Serif has
 * every precomposed Vietnamese letter; its licence sits next to it (decision 051).
 */
export function fontsDir(): string {
  return process.env.FONTS_DIR ?? path.resolve(process.cwd(), 'assets/fonts/dejavu');
}

let fonts: Promise<{ regular: Buffer; bold: Buffer }> | undefined;

function loadFonts(): Promise<{ regular: Buffer; bold: Buffer }> {
  fonts ??= Promise.all([
    readFile(path.join(fontsDir(), 'DejaVuSerif.ttf')),
    readFile(path.join(fontsDir(), 'DejaVuSerif-Bold.ttf')),
  ])
    .then(([regular, bold]) => ({ regular, bold }))
    .catch((error: unknown) => {
      fonts = undefined;
      throw error;
    });
  return fonts;
}

/** URL of the public verification page of a code. */
export function verificationUrl(siteOrigin: string, code: string): string {
  return `${siteOrigin.replace(/\/+$/, '')}/chung-nhan/${code}`;
}

const INK = '#1b1f24';
const ACCENT = '#8a1c1c';
const MUTED = '#4a4f57';

/**
 * The certificate as an A4 landscape PDF: name, position, unit, course, hours, completion date
 * (dd/mm/yyyy, Vietnam time), the verification code and the URL that checks it. Text is set in
 * embedded DejaVu Serif (subset), so Vietnamese prints and copies correctly.
 * @param certificate the stored certificate
 * @param siteOrigin origin of the public site, for the verification URL
 */
export async function renderCertificatePdf(
  certificate: Certificate,
  siteOrigin: string,
): Promise<Uint8Array<ArrayBuffer>> {
  const { regular, bold } = await loadFonts();
  const url = verificationUrl(siteOrigin, certificate.code);
  const doc = new PDFDocument({
    size: 'A4',
    layout: 'landscape',
    margins: { top: 56, bottom: 48, left: 72, right: 72 },
    // Starting with our own font spares pdfkit loading Helvetica's metrics from disk.
    font: regular as unknown as string,
    lang: 'vi-VN',
    info: {
      Title: `Chứng nhận hoàn thành khóa học: ${certificate.courseTitle}`,
      Author: 'Tập huấn số',
      Subject: `Chứng nhận của ${certificate.fullName}, mã xác minh ${certificate.code}`,
      Keywords: certificate.code,
    },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<void>((resolve, reject) => {
    doc.on('end', () => resolve());
    doc.on('error', reject);
  });
  doc.registerFont('regular', regular);
  doc.registerFont('bold', bold);

  const { width, height } = doc.page;
  doc
    .lineWidth(2.5)
    .strokeColor(ACCENT)
    .rect(24, 24, width - 48, height - 48)
    .stroke();
  doc
    .lineWidth(0.8)
    .rect(32, 32, width - 64, height - 64)
    .stroke();

  const inner = { x: 72, width: width - 144 };
  const center = (text: string, font: 'regular' | 'bold', size: number, color = INK, gap = 0) => {
    doc
      .font(font)
      .fontSize(size)
      .fillColor(color)
      .text(text, inner.x, undefined, { width: inner.width, align: 'center' });
    if (gap) doc.moveDown(gap);
  };

  doc.y = 78;
  center('TẬP HUẤN SỐ', 'bold', 13, ACCENT);
  center('Tập huấn kỹ năng số cho cán bộ ngành Kiểm sát nhân dân', 'regular', 11, MUTED, 1.6);
  center('GIẤY CHỨNG NHẬN', 'bold', 30, ACCENT);
  center('HOÀN THÀNH KHÓA HỌC', 'bold', 18, ACCENT, 1.6);
  center('Chứng nhận', 'regular', 14, MUTED, 0.4);
  center(certificate.fullName, 'bold', 26, INK, 0.5);
  center(`Chức vụ: ${certificate.position}`, 'regular', 13, INK, 0.2);
  center(`Đơn vị: ${certificate.unitName}`, 'regular', 13, INK, 1.2);
  center('đã hoàn thành khóa học', 'regular', 14, MUTED, 0.4);
  center(certificate.courseTitle, 'bold', 20, INK, 1);
  center(
    `Thời lượng: ${formatHours(certificate.hours)}   ·   Ngày hoàn thành: ${formatVietnamDate(certificate.completedAt)}`,
    'regular',
    13,
    INK,
  );

  doc.y = height - 112;
  center(`Mã xác minh: ${certificate.code}`, 'bold', 12, INK, 0.2);
  center('Kiểm tra tính xác thực của giấy chứng nhận tại:', 'regular', 11, MUTED);
  doc.font('regular').fontSize(11).fillColor(ACCENT);
  doc.text(url, inner.x, undefined, { width: inner.width, align: 'center', link: url, underline: true });

  doc.end();
  await done;
  const all = Buffer.concat(chunks);
  // A copy in a plain ArrayBuffer: what Response and Blob accept.
  return new Uint8Array(all.buffer.slice(all.byteOffset, all.byteOffset + all.byteLength) as ArrayBuffer);
}
