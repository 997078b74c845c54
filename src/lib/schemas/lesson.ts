import { z } from 'astro/zod';
import { IdSchema, LegalRefSchema, TopicSchema } from './common';

/** Frontmatter of a lesson (src/content/lessons/<id>.mdx). */
export const LessonSchema = z.object({
  /** Lesson title. */
  title: z.string().min(5),
  /** One or two sentences shown in lists and search results. */
  summary: z.string().min(20),
  /** Id of the course the lesson belongs to. */
  course: IdSchema,
  /** Position within the course, from 1; must match the course's `lessons` list. */
  order: z.number().int().positive(),
  /** Expected reading and practice time in minutes. */
  durationMinutes: z.number().int().positive().max(600),
  /** What the learner can do after the lesson (at least one). */
  objectives: z.array(z.string().min(5)).min(1),
  /** Lesson ids worth studying first. */
  prerequisites: z.array(IdSchema).default([]),
  /** Topic tags used for filtering and search. */
  tags: z.array(TopicSchema).min(1),
  /** Legal documents the lesson relies on. */
  legalBasis: z.array(LegalRefSchema).default([]),
  /** Date of the last substantive edit. */
  updated: z.coerce.date(),
  /** Whether finishing this lesson is required for course completion. */
  required: z.boolean().default(true),
});
export type Lesson = z.infer<typeof LessonSchema>;
