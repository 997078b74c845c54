import { z } from 'astro/zod';
import { IdSchema, LegalRefSchema, PersonSchema, TopicSchema } from './common';

/** A participant in a seminar: a procuracy unit from the units data, or another body by name. */
export const ParticipantSchema = z
  .object({
    /** Unit id, when the participant is a procuracy unit listed in the units data. */
    unit: IdSchema.optional(),
    /** Name of a body outside the units data, e.g. "Công an huyện Mỹ Xuyên". */
    name: z.string().optional(),
    /** Who attended and in what role, e.g. "Lãnh đạo và Kiểm sát viên bộ phận hình sự". */
    role: z.string().min(1),
  })
  .refine((p) => Boolean(p.unit) !== Boolean(p.name), {
    message: 'Mỗi thành phần tham dự cần đúng một trong hai: "unit" hoặc "name"',
  });
export type Participant = z.infer<typeof ParticipantSchema>;

/** A follow-up action agreed at a seminar. */
export const FollowUpSchema = z.object({
  /** What is to be done. */
  action: z.string().min(5),
  /** Who is responsible (a unit, a division or a position). */
  owner: z.string().min(2),
  /** By when; absent if the record gives no date. */
  deadline: z.coerce.date().optional(),
});
export type FollowUp = z.infer<typeof FollowUpSchema>;

/** Frontmatter of a seminar ("tọa đàm") record (src/content/seminars/<id>.mdx). */
export const SeminarSchema = z.object({
  /** Seminar title. */
  title: z.string().min(5),
  /** One or two sentences shown in lists and search results. */
  summary: z.string().min(20),
  /** Date it was held; when the source gives only the month or year, use its first day and set `datePrecision`. */
  date: z.coerce.date(),
  /** How much of `date` is known: the exact day, only the month, or only the year. */
  datePrecision: z.enum(['day', 'month', 'year']).default('day'),
  /** Id of the unit that hosted it (as named at that date). */
  hostUnit: IdSchema,
  /** Who chaired it. */
  chair: PersonSchema,
  /** Units and bodies that took part, with their roles. */
  participants: z.array(ParticipantSchema).default([]),
  /** Directives, plans and laws the seminar was held under. */
  basis: z.array(LegalRefSchema).default([]),
  /** Practices discussed. */
  topics: z.array(TopicSchema).min(1),
  /** Difficulties raised. */
  difficulties: z.array(z.string().min(3)).default([]),
  /** Solutions proposed. */
  solutions: z.array(z.string().min(3)).default([]),
  /** Conclusions of the chair. */
  conclusions: z.array(z.string().min(3)).default([]),
  /** Follow-up actions: who does what by when. */
  followUps: z.array(FollowUpSchema).default([]),
  /** Related lesson ids. */
  relatedLessons: z.array(IdSchema).default([]),
  /** Related practice ids. */
  relatedPractices: z.array(IdSchema).default([]),
});
export type Seminar = z.infer<typeof SeminarSchema>;
