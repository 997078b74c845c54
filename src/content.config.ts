import { defineCollection } from 'astro:content';
import { file, glob } from 'astro/loaders';
import { CourseSchema, LessonSchema, PracticeSchema, SeminarSchema, UnitSchema } from './lib/schemas';

// CONTENT_DIR lets the benchmarks build a generated 2,000-lesson corpus from another folder.
const contentDir = process.env.CONTENT_DIR ?? './src/content';
const mdx = (dir: string) => glob({ pattern: '**/*.{md,mdx}', base: `${contentDir}/${dir}` });

export const collections = {
  courses: defineCollection({ loader: mdx('courses'), schema: CourseSchema }),
  lessons: defineCollection({ loader: mdx('lessons'), schema: LessonSchema }),
  seminars: defineCollection({ loader: mdx('seminars'), schema: SeminarSchema }),
  practices: defineCollection({ loader: mdx('practices'), schema: PracticeSchema }),
  units: defineCollection({ loader: file(`${contentDir}/units.yaml`), schema: UnitSchema }),
};
