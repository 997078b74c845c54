import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { create as parseFont, type Font } from 'fontkit';
import PDFDocument from 'pdfkit';
import type { PrintedReport, PrintedTable } from './printed';

/** Millimetres to PDF points. */
const mm = (value: number) => (value * 72) / 25.4;

/**
 * Page margins of administrative documents (Nghị định 30/2020/NĐ-CP; DOMAIN.md): top and bottom
 * 20–25 mm, left 30–35 mm, right 15–20 mm. The lower bounds leave the most room for tables.
 */
export const REPORT_MARGINS_MM = { top: 20, bottom: 20, left: 30, right: 15 } as const;

/**
 * Folder of the report fonts: `$REPORT_FONTS_DIR` or assets/fonts/liberation-serif from the
 * working directory (the server runs from the project root, like the certificate fonts).
 * Liberation Serif 2 has the metrics of Times New Roman and every Vietnamese letter (SIL OFL).
 */
export function reportFontsDir(): string {
  return process.env.REPORT_FONTS_DIR ?? path.resolve(process.cwd(), 'assets/fonts/liberation-serif');
}

type FontName = 'regular' | 'bold' | 'italic' | 'boldItalic';
const FONT_FILES: Record<FontName, string> = {
  regular: 'LiberationSerif-Regular.ttf',
  bold: 'LiberationSerif-Bold.ttf',
  italic: 'LiberationSerif-Italic.ttf',
  boldItalic: 'LiberationSerif-BoldItalic.ttf',
};

let fonts: Promise<Record<FontName, Font>> | undefined;

/**
 * The four faces, parsed once per process: parsing them again for every PDF (what pdfkit does
 * with font bytes) cost more than laying out the whole report. pdfkit subsets per document.
 */
function loadFonts(): Promise<Record<FontName, Font>> {
  fonts ??= Promise.all(
    (Object.keys(FONT_FILES) as FontName[]).map(
      async (name) => [name, parseFont(await readFile(path.join(reportFontsDir(), FONT_FILES[name])))] as const,
    ),
  )
    .then((entries) => Object.fromEntries(entries) as Record<FontName, Font>)
    .catch((error: unknown) => {
      fonts = undefined;
      throw error;
    });
  return fonts;
}

type Doc = InstanceType<typeof PDFDocument>;

const BODY_SIZE = 13;
const TABLE_SIZE = 10.5;
const CELL_PAD = 3;

/** Draws a table with borders, repeating its header row on each new page. */
function drawTable(doc: Doc, table: PrintedTable, x: number, width: number): void {
  const sum = table.widths.reduce((a, b) => a + b, 0);
  const widths = table.widths.map((w) => (w / sum) * width);
  const maxY = () => doc.page.height - doc.page.margins.bottom;
  const heightOf = (cells: string[], font: FontName) => {
    doc.font(font).fontSize(TABLE_SIZE);
    return (
      Math.max(...cells.map((c, i) => doc.heightOfString(c || ' ', { width: widths[i]! - 2 * CELL_PAD }))) +
      2 * CELL_PAD
    );
  };
  const drawRow = (cells: string[], font: FontName, header: boolean) => {
    const h = heightOf(cells, font);
    let cx = x;
    const y = doc.y;
    doc.lineWidth(0.5).strokeColor('#000');
    cells.forEach((cell, i) => {
      const w = widths[i]!;
      doc.rect(cx, y, w, h).stroke();
      doc
        .font(font)
        .fontSize(TABLE_SIZE)
        .fillColor('#000')
        .text(cell, cx + CELL_PAD, y + CELL_PAD, {
          width: w - 2 * CELL_PAD,
          align: header ? 'center' : table.numeric[i] ? 'right' : 'left',
          lineBreak: true,
        });
      cx += w;
    });
    doc.x = x;
    doc.y = y + h;
  };
  const headerHeight = heightOf(table.headers, 'bold');
  doc.font('italic').fontSize(12).text(table.caption, x, doc.y, { width, align: 'center' });
  doc.moveDown(0.2);
  if (doc.y + headerHeight + 20 > maxY()) doc.addPage();
  drawRow(table.headers, 'bold', true);
  table.rows.forEach((row, r) => {
    const isTotal = table.totalRow && r === table.rows.length - 1;
    const font: FontName = isTotal ? 'bold' : 'regular';
    if (doc.y + heightOf(row, font) > maxY()) {
      doc.addPage();
      drawRow(table.headers, 'bold', true);
    }
    drawRow(row, font, false);
  });
  doc.x = x;
}

/**
 * The printed report as an A4 PDF with the layout of the printed page: Liberation Serif
 * (Times New Roman metrics, Vietnamese), Nghị định 30 margins, the issuing unit and its parent
 * at top left, the national motto at top right, number and date line, title, figures and tables,
 * "Nơi nhận" and the signature block; page numbers from page 2, centred in the top margin.
 */
export async function renderReportPdf(report: PrintedReport): Promise<Uint8Array<ArrayBuffer>> {
  const font = await loadFonts();
  const doc = new PDFDocument({
    size: 'A4',
    margins: {
      top: mm(REPORT_MARGINS_MM.top),
      bottom: mm(REPORT_MARGINS_MM.bottom),
      left: mm(REPORT_MARGINS_MM.left),
      right: mm(REPORT_MARGINS_MM.right),
    },
    bufferPages: true,
    // Starting with our own font spares pdfkit loading Helvetica's metrics from disk.
    font: font.regular as never,
    lang: 'vi-VN',
    info: { Title: report.fileTitle, Author: report.unitHeading, Subject: report.subtitle },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<void>((resolve, reject) => {
    doc.on('end', () => resolve());
    doc.on('error', reject);
  });
  for (const name of Object.keys(FONT_FILES) as FontName[]) doc.registerFont(name, font[name] as never);

  const left = doc.page.margins.left;
  const contentWidth = doc.page.width - left - doc.page.margins.right;
  const leftWidth = contentWidth * 0.42;
  const rightX = left + leftWidth;
  const rightWidth = contentWidth - leftWidth;
  const top = doc.page.margins.top;

  // Top left: governing agency, issuing unit (bold) with a short rule, then the number line.
  doc.y = top;
  if (report.parentHeading) {
    doc.font('regular').fontSize(12.5).text(report.parentHeading, left, doc.y, { width: leftWidth, align: 'center' });
  }
  doc.font('bold').fontSize(12.5).text(report.unitHeading, left, doc.y, { width: leftWidth, align: 'center' });
  const unitLineWidth = Math.min(doc.widthOfString(report.unitHeading), leftWidth);
  const ruleY = doc.y + 2;
  doc
    .lineWidth(0.6)
    .moveTo(left + leftWidth / 2 - unitLineWidth / 6, ruleY)
    .lineTo(left + leftWidth / 2 + unitLineWidth / 6, ruleY)
    .stroke();
  const leftBottom = ruleY + 10;

  // Top right: national name, motto underlined over its whole length.
  doc.y = top;
  let nameSize = 12.5;
  doc.font('bold').fontSize(nameSize);
  while (doc.widthOfString(report.nationalName) > rightWidth && nameSize > 10.5) doc.fontSize((nameSize -= 0.5));
  doc.text(report.nationalName, rightX, top, { width: rightWidth, align: 'center' });
  doc.font('bold').fontSize(13).text(report.motto, rightX, doc.y, { width: rightWidth, align: 'center' });
  const mottoWidth = doc.widthOfString(report.motto);
  const mottoRuleY = doc.y + 1;
  doc
    .lineWidth(0.6)
    .moveTo(rightX + (rightWidth - mottoWidth) / 2, mottoRuleY)
    .lineTo(rightX + (rightWidth + mottoWidth) / 2, mottoRuleY)
    .stroke();
  const rightBottom = mottoRuleY + 9;

  // Number (left) and place-and-date (right) on one line.
  const lineY = Math.max(leftBottom, rightBottom);
  doc.font('regular').fontSize(13).text(report.numberLine, left, lineY, { width: leftWidth, align: 'center' });
  doc.font('italic').fontSize(13).text(report.dateLine, rightX, lineY, { width: rightWidth, align: 'center' });

  // Title block.
  doc.y = lineY + 34;
  doc.font('bold').fontSize(14).text(report.title, left, doc.y, { width: contentWidth, align: 'center' });
  doc.font('bold').fontSize(14).text(report.subtitle, left, doc.y, { width: contentWidth, align: 'center' });
  doc.font('italic').fontSize(13).text(report.period, left, doc.y, { width: contentWidth, align: 'center' });
  doc
    .lineWidth(0.6)
    .moveTo(left + contentWidth / 2 - 40, doc.y + 5)
    .lineTo(left + contentWidth / 2 + 40, doc.y + 5)
    .stroke();
  doc.y += 16;

  for (const section of report.sections) {
    if (doc.y + 60 > doc.page.height - doc.page.margins.bottom) doc.addPage();
    doc.font('bold').fontSize(BODY_SIZE).text(section.heading, left, doc.y, { width: contentWidth });
    doc.moveDown(0.3);
    for (const paragraph of section.paragraphs) {
      doc
        .font('regular')
        .fontSize(BODY_SIZE)
        .text(paragraph, left, doc.y, {
          width: contentWidth,
          align: 'justify',
          indent: mm(10),
          lineGap: 2,
        });
      doc.moveDown(0.4);
    }
    if (section.table) {
      drawTable(doc, section.table, left, contentWidth);
      doc.moveDown(0.4);
    }
    if (section.note) {
      doc.font('italic').fontSize(12).text(section.note, left, doc.y, { width: contentWidth, align: 'justify' });
      doc.moveDown(0.4);
    }
    doc.moveDown(0.3);
  }

  // "Nơi nhận" (left) and the signature (right) side by side, never split over two pages.
  const recipientsHeight = 16 + report.recipients.length * 14;
  const signatureHeight = (report.signer.authority ? 18 : 0) + 18 + 80 + 18;
  if (doc.y + Math.max(recipientsHeight, signatureHeight) + 10 > doc.page.height - doc.page.margins.bottom)
    doc.addPage();
  const blockY = doc.y + 6;
  doc.font('boldItalic').fontSize(12).text('Nơi nhận:', left, blockY, { width: leftWidth });
  report.recipients.forEach((r, i) => {
    const end = i === report.recipients.length - 1 ? '.' : ';';
    doc
      .font('regular')
      .fontSize(11)
      .text(`- ${r}${end}`, left, doc.y, { width: leftWidth - 10 });
  });
  doc.y = blockY;
  if (report.signer.authority)
    doc.font('bold').fontSize(13).text(report.signer.authority, rightX, doc.y, { width: rightWidth, align: 'center' });
  doc.font('bold').fontSize(13).text(report.signer.position, rightX, doc.y, { width: rightWidth, align: 'center' });
  doc.y += 80;
  doc.font('bold').fontSize(13).text(report.signer.name, rightX, doc.y, { width: rightWidth, align: 'center' });

  // Page numbers: Arabic numerals centred in the top margin, none on the first page.
  const range = doc.bufferedPageRange();
  for (let i = range.start + 1; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const margins = doc.page.margins;
    doc.page.margins = { ...margins, top: 0 };
    doc
      .font('regular')
      .fontSize(13)
      .text(String(i + 1), left, mm(9), { width: contentWidth, align: 'center', lineBreak: false });
    doc.page.margins = margins;
  }
  doc.end();
  await done;
  return new Uint8Array(Buffer.concat(chunks));
}
