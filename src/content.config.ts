import { defineCollection } from 'astro:content';
import { file, glob } from 'astro/loaders';
import { CourseSchema, LessonSchema, PracticeSchema, SeminarSchema, UnitSchema } from './lib/schemas';

const mdx = (dir: string) => glob({ pattern: '**/*.{md,mdx}', base: `./src/content/${dir}` });

export const collections = {
  courses: defineCollection({ loader: mdx('courses'), schema: CourseSchema }),
  lessons: defineCollection({ loader: mdx('lessons'), schema: LessonSchema }),
  seminars: defineCollection({ loader: mdx('seminars'), schema: SeminarSchema }),
  practices: defineCollection({ loader: mdx('practices'), schema: PracticeSchema }),
  units: defineCollection({ loader: file('./src/content/units.yaml'), schema: UnitSchema }),
};
