/**
 * Published records → MDX files that the content collections accept, so a record can move
 * into the versioned content: the fields become the frontmatter (the same shape the
 * SeminarSchema / PracticeSchema read), the Markdown body is made safe for MDX, and
 * attachments are copied to `public/tap-tin/<id>/` with the body's links rewritten.
 */
import { stringify } from 'yaml';
import { PracticeSchema } from '../../schemas/practice';
import { SeminarSchema } from '../../schemas/seminar';
import type { Candidate, RecordKind } from './editor-form';
import { originalFileName, pageFileName } from './attachment-files';
import type { StoredAttachment } from './records';

/**
 * Makes a CommonMark body valid MDX without changing what it shows: outside code, `{`, `}`
 * and `<` are escaped (MDX reads them as expressions and JSX), `<https://…>` autolinks become
 * bare URLs (GFM links them), and a line starting with `import`/`export` is not read as ESM.
 * @param markdown the body as written
 */
export function mdxSafeBody(markdown: string): string {
  const out: string[] = [];
  let fence: string | null = null;
  for (const line of markdown.split('\n')) {
    const opener = /^ {0,3}(`{3,}|~{3,})/.exec(line);
    if (fence) {
      out.push(line);
      if (opener && opener[1]!.startsWith(fence)) fence = null;
      continue;
    }
    if (opener) {
      fence = opener[1]!;
      out.push(line);
      continue;
    }
    // Split on code spans (`…`), escaping only the text between them.
    const parts = line.split(/(`+[^`]*`+)/);
    const escaped = parts
      .map((part, i) =>
        i % 2 === 1 ? part : part.replace(/<(https?:\/\/[^\s<>]+|mailto:[^\s<>]+)>/g, '$1').replace(/([{}<])/g, '\\$1'),
      )
      .join('');
    out.push(
      escaped.replace(
        /^(\s*)(import|export)\b/,
        (_m, space: string, word: string) => `${space}&#${word.charCodeAt(0)};${word.slice(1)}`,
      ),
    );
  }
  return out.join('\n');
}

/** Public path of an exported attachment file. */
export function exportedFilePath(slug: string, name: string): string {
  return `/tap-tin/${slug}/${name}`;
}

/** A file to copy from the uploads folder into the exported `public/` folder. */
export interface ExportedFile {
  /** Name in the uploads folder. */
  from: string;
  /** Path under the export's `public/` folder. */
  to: string;
}

/** One record ready to be written. */
export interface ExportedRecord {
  /** Path under the output folder, e.g. "seminars/<id>.mdx". */
  path: string;
  mdx: string;
  files: ExportedFile[];
}

/**
 * Turns a published record into an MDX file. Throws when the fields do not validate with
 * the content schema (a published record always did).
 * @param kind seminar or practice
 * @param slug its public id (the file name)
 * @param candidate its fields
 * @param body its Markdown body
 * @param attachments its attachments
 */
export function exportRecord(
  kind: RecordKind,
  slug: string,
  candidate: Candidate,
  body: string,
  attachments: readonly StoredAttachment[],
): ExportedRecord {
  const parsed = (kind === 'seminar' ? SeminarSchema : PracticeSchema).safeParse(candidate);
  if (!parsed.success) throw new Error(`Bản ghi "${slug}" không hợp lệ: ${parsed.error.message}`);
  const files: ExportedFile[] = [];
  let text = body;
  const gallery: string[] = [];
  for (const a of attachments) {
    const original = originalFileName(a.hash, a.ext);
    files.push({ from: original, to: `tap-tin/${slug}/${original}` });
    if (a.kind === 'image') {
      const page = pageFileName(a.hash);
      files.push({ from: page, to: `tap-tin/${slug}/${page}` });
      const pagePath = exportedFilePath(slug, page);
      text = text
        .replaceAll(`/tep/${a.id}/goc/`, exportedFilePath(slug, original))
        .replaceAll(`/tep/${a.id}/`, pagePath);
      gallery.push(`![${a.alt.replace(/[[\]]/g, '')}](${pagePath})`);
    } else {
      gallery.push(`- [${a.alt.replace(/[[\]]/g, '')}](${exportedFilePath(slug, original)}) (PDF)`);
    }
  }
  const sections = [mdxSafeBody(text.trim())];
  if (gallery.length > 0) sections.push(`## Hình ảnh và tài liệu\n\n${mdxSafeBody(gallery.join('\n\n'))}`);
  const frontmatter = stringify(candidate, { lineWidth: 0 }).trimEnd();
  const mdx = `---\n${frontmatter}\n---\n\n${sections.filter(Boolean).join('\n\n')}\n`;
  return { path: `${kind === 'seminar' ? 'seminars' : 'practices'}/${slug}.mdx`, mdx, files };
}
