import { z } from 'astro/zod';

/** Slug-like identifier used for content entries and units: lowercase ASCII, digits and dashes. */
export const IdSchema = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'Mã định danh chỉ gồm chữ thường không dấu, số và dấu gạch ngang');
export type Id = z.infer<typeof IdSchema>;

/**
 * The five digital-transformation practices the platform teaches, plus general topics.
 * Labels live in `src/lib/shared/topics.ts`.
 */
export const TopicSchema = z.enum([
  'van-ban-dieu-hanh',
  'so-hoa-ho-so',
  'trinh-chieu-chung-cu',
  'so-do-tu-duy',
  'xet-xu-truc-tuyen',
  'chuyen-doi-so-chung',
]);
export type Topic = z.infer<typeof TopicSchema>;

/** A legal or administrative document cited as a basis (Nghị quyết, Thông tư liên tịch, Kế hoạch, …). */
export const LegalRefSchema = z.object({
  /** Kind of document as written in Vietnamese, e.g. "Nghị quyết", "Thông tư liên tịch", "Kế hoạch". */
  kind: z.string().min(1),
  /** Official number and symbol, e.g. "33/2021/QH15". */
  number: z.string().min(1),
  /** Date of issue. */
  date: z.coerce.date().optional(),
  /** Issuing body, e.g. "Quốc hội". */
  issuer: z.string().optional(),
  /** Short description of what the document is about. */
  title: z.string().optional(),
});
export type LegalRef = z.infer<typeof LegalRefSchema>;

/** A named person as they appear in a record (no account link: records keep names as they were). */
export const PersonSchema = z.object({
  /** Full name. */
  name: z.string().min(1),
  /** Position at the time, e.g. "Viện trưởng". */
  position: z.string().optional(),
  /** Unit id (from the units data) at the time, if any. */
  unit: IdSchema.optional(),
});
export type Person = z.infer<typeof PersonSchema>;
