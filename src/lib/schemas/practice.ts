import { z } from 'astro/zod';
import { IdSchema, PersonSchema, TopicSchema } from './common';

/** Field of procuratorial work a practice applies to. */
export const FieldSchema = z.enum(['hinh-su', 'dan-su', 'hanh-chinh', 'thi-hanh-an', 'van-phong', 'chung']);
export type Field = z.infer<typeof FieldSchema>;

/** A result stated as a figure, e.g. 19 criminal cases reported with mind maps. */
export const ResultFigureSchema = z.object({
  /** The number. */
  value: z.number(),
  /** What it counts, e.g. "vụ án hình sự báo cáo bằng sơ đồ tư duy". */
  label: z.string().min(3),
  /** Unit of measure when not obvious from the label, e.g. "%". */
  unit: z.string().optional(),
});
export type ResultFigure = z.infer<typeof ResultFigureSchema>;

/** Frontmatter of a best-practice write-up ("cách làm hay") (src/content/practices/<id>.mdx). */
export const PracticeSchema = z.object({
  /** Title of the write-up. */
  title: z.string().min(5),
  /** One or two sentences shown in lists and search results. */
  summary: z.string().min(20),
  /** Id of the unit whose practice it is (as named during the period). */
  unit: IdSchema,
  /** Period the results cover. */
  period: z.object({
    /** First day (inclusive). */
    from: z.coerce.date(),
    /** Last day (inclusive). */
    to: z.coerce.date(),
  }),
  /** Fields of work it applies to. */
  fields: z.array(FieldSchema).min(1),
  /** Practices it is about. */
  topics: z.array(TopicSchema).min(1),
  /** Results as figures. */
  results: z.array(ResultFigureSchema).default([]),
  /** Difficulties met. */
  difficulties: z.array(z.string().min(3)).default([]),
  /** How another unit can replicate it, step by step. */
  howToReplicate: z.array(z.string().min(3)).default([]),
  /** Author of the write-up. */
  author: PersonSchema,
  /** Related lesson ids. */
  relatedLessons: z.array(IdSchema).default([]),
});
export type Practice = z.infer<typeof PracticeSchema>;
