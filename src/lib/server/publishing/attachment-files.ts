/**
 * Attachment files: the type is read from the content (`file-type`), never from the name or
 * the browser's MIME type; a name whose extension says otherwise is refused too, because
 * such a file is either a mistake or a disguise. Files are stored outside the web root,
 * named by the SHA-256 of their content; images also get a copy resized for the page
 * (`sharp`, at most 1600 px wide, WebP, EXIF orientation applied, metadata dropped).
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileTypeFromBuffer } from 'file-type';
import sharp from 'sharp';
import { formatFileSize } from '../../shared/format';
import { ATTACHMENT_LIMITS } from './attachment-limits';

export { ATTACHMENT_LIMITS, UPLOAD_REQUEST_LIMIT } from './attachment-limits';

/** The accepted types, as detected from the content. */
const TYPES = {
  'image/jpeg': { kind: 'image', ext: 'jpg', names: ['jpg', 'jpeg', 'jfif', 'jpe'], label: 'ảnh JPEG' },
  'image/png': { kind: 'image', ext: 'png', names: ['png'], label: 'ảnh PNG' },
  'image/webp': { kind: 'image', ext: 'webp', names: ['webp'], label: 'ảnh WebP' },
  'application/pdf': { kind: 'pdf', ext: 'pdf', names: ['pdf'], label: 'tài liệu PDF' },
} as const;
type AcceptedMime = keyof typeof TYPES;

/** What an accepted file is. */
export interface InspectedFile {
  kind: 'image' | 'pdf';
  mime: AcceptedMime;
  ext: string;
  size: number;
  hash: string;
  width: number | null;
  height: number | null;
}

/** Outcome of {@link inspectUpload}: the file's facts, or a Vietnamese reason to refuse it. */
export type InspectResult = { ok: true; file: InspectedFile } | { ok: false; message: string };

const mb = (bytes: number): string => formatFileSize(bytes);

/**
 * Checks an uploaded file: not empty, a JPEG, PNG, WebP or PDF by content, a name that does
 * not claim another type, within the size limit of its type, and (images) decodable and
 * not absurdly large in pixels.
 * @param name the file name as sent by the browser (shown in messages only)
 * @param bytes the content
 */
export async function inspectUpload(name: string, bytes: Uint8Array): Promise<InspectResult> {
  const shown = name.trim() || 'không tên';
  if (bytes.length === 0) return { ok: false, message: `Tệp “${shown}” rỗng, không có nội dung.` };
  if (bytes.length > ATTACHMENT_LIMITS.pdfBytes)
    return {
      ok: false,
      message: `Tệp “${shown}” nặng ${mb(bytes.length)}, vượt giới hạn ${mb(ATTACHMENT_LIMITS.pdfBytes)} cho tài liệu PDF và ${mb(ATTACHMENT_LIMITS.imageBytes)} cho ảnh. Hãy giảm dung lượng rồi tải lên lại.`,
    };
  const detected = await fileTypeFromBuffer(bytes);
  const type = detected && detected.mime in TYPES ? TYPES[detected.mime as AcceptedMime] : null;
  if (!detected || !type)
    return {
      ok: false,
      message: `Tệp “${shown}” không phải ảnh JPEG, PNG, WebP hay tài liệu PDF. Hệ thống kiểm tra nội dung tệp, không dựa vào tên tệp: chỉ nhận ảnh chụp và tệp PDF.`,
    };
  const dot = shown.lastIndexOf('.');
  const extension = dot > 0 ? shown.slice(dot + 1).toLowerCase() : '';
  if (extension && !(type.names as readonly string[]).includes(extension))
    return {
      ok: false,
      message: `Tệp “${shown}” có đuôi .${extension} nhưng nội dung là ${type.label}. Hãy đổi đuôi tệp cho đúng (.${type.ext}) hoặc chọn đúng tệp rồi tải lên lại.`,
    };
  const limit = type.kind === 'image' ? ATTACHMENT_LIMITS.imageBytes : ATTACHMENT_LIMITS.pdfBytes;
  if (bytes.length > limit)
    return {
      ok: false,
      message: `${type.kind === 'image' ? 'Ảnh' : 'Tài liệu'} “${shown}” nặng ${mb(bytes.length)}, vượt giới hạn ${mb(limit)}. Hãy giảm dung lượng rồi tải lên lại.`,
    };
  let width: number | null = null;
  let height: number | null = null;
  if (type.kind === 'image') {
    try {
      const meta = await sharp(bytes, { limitInputPixels: ATTACHMENT_LIMITS.maxPixels }).metadata();
      // Orientations 5–8 are rotated by 90°: the page shows them with width and height swapped.
      const turned = (meta.orientation ?? 1) >= 5;
      width = (turned ? meta.height : meta.width) ?? null;
      height = (turned ? meta.width : meta.height) ?? null;
      await sharp(bytes, { limitInputPixels: ATTACHMENT_LIMITS.maxPixels }).stats();
    } catch {
      return {
        ok: false,
        message: `Không đọc được ảnh “${shown}”: tệp bị hỏng hoặc quá lớn (tối đa ${ATTACHMENT_LIMITS.maxPixels / 1_000_000} triệu điểm ảnh).`,
      };
    }
  }
  const hash = createHash('sha256').update(bytes).digest('hex');
  return {
    ok: true,
    file: {
      kind: type.kind,
      mime: detected.mime as AcceptedMime,
      ext: type.ext,
      size: bytes.length,
      hash,
      width,
      height,
    },
  };
}

/** Name of the stored original. */
export const originalFileName = (hash: string, ext: string): string => `${hash}.${ext}`;
/** Name of the resized copy of an image. */
export const pageFileName = (hash: string): string => `${hash}-page.webp`;

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

/** Writes a file atomically (temporary name, then rename): readers never see half a file. */
async function writeAtomic(path: string, bytes: Uint8Array | Buffer): Promise<void> {
  const temp = `${path}.${randomBytes(6).toString('hex')}.tmp`;
  await writeFile(temp, bytes);
  await rename(temp, path);
}

/** Sizes of the stored page copy of an image. */
export interface StoredFile {
  pageWidth: number | null;
  pageHeight: number | null;
}

/**
 * Stores an inspected file under `dir` (created if needed); identical content is stored
 * once. Images get their page copy.
 * @param dir the uploads folder
 * @param file what {@link inspectUpload} found
 * @param bytes the content
 */
export async function storeUpload(dir: string, file: InspectedFile, bytes: Uint8Array): Promise<StoredFile> {
  await mkdir(dir, { recursive: true });
  const original = join(dir, originalFileName(file.hash, file.ext));
  if (!(await exists(original))) await writeAtomic(original, bytes);
  if (file.kind !== 'image') return { pageWidth: null, pageHeight: null };
  const page = join(dir, pageFileName(file.hash));
  const resized = await sharp(bytes, { limitInputPixels: ATTACHMENT_LIMITS.maxPixels })
    .rotate()
    .resize({ width: ATTACHMENT_LIMITS.pageWidth, withoutEnlargement: true })
    .webp({ quality: 80 })
    .toBuffer({ resolveWithObject: true });
  if (!(await exists(page))) await writeAtomic(page, resized.data);
  return { pageWidth: resized.info.width, pageHeight: resized.info.height };
}

/**
 * Removes the files of a hash (when no attachment uses it any more).
 * @param dir the uploads folder
 * @param hash content hash
 * @param ext extension of the original
 */
export async function removeStoredFiles(dir: string, hash: string, ext: string): Promise<void> {
  for (const name of [originalFileName(hash, ext), pageFileName(hash)]) {
    try {
      await unlink(join(dir, name));
    } catch {
      // Already gone.
    }
  }
}
