import { z } from 'astro/zod';
import { IdSchema, LegalRefSchema, TopicSchema } from './common';

/** Who a course is written for, by role in the unit. */
export const AudienceSchema = z.enum(['lanh-dao', 'kiem-sat-vien', 'kiem-tra-vien', 'chuyen-vien', 'can-bo-cntt', 'moi-can-bo']);
export type Audience = z.infer<typeof AudienceSchema>;

/** Difficulty level. */
export const LevelSchema = z.enum(['co-ban', 'trung-binh', 'nang-cao']);
export type Level = z.infer<typeof LevelSchema>;

/** Frontmatter of a course (src/content/courses/<id>.mdx). The body is the course introduction. */
export const CourseSchema = z.object({
  /** Course title in Vietnamese. */
  title: z.string().min(5),
  /** One or two sentences shown in lists and search results. */
  summary: z.string().min(20),
  /** Who should take it. */
  audience: z.array(AudienceSchema).min(1),
  /** Difficulty level. */
  level: LevelSchema,
  /** Estimated study time in hours, quizzes included. */
  estimatedHours: z.number().positive().max(100),
  /** Lesson ids in study order; each lesson must name this course. */
  lessons: z.array(IdSchema).min(1),
  /** Main practice the course teaches. */
  topic: TopicSchema,
  /** Legal basis of the whole course. */
  legalBasis: z.array(LegalRefSchema).default([]),
  /** Hide from lists while being written. */
  draft: z.boolean().default(false),
});
export type Course = z.infer<typeof CourseSchema>;
