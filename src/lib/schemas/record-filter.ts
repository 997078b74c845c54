import { z } from 'astro/zod';
import { IdSchema, TopicSchema } from './common';

/**
 * Query parameters of the seminar and practice lists (`?don-vi=&chu-de=&nam=`).
 * Each is optional; an empty string means "all".
 */
export const RecordFilterSchema = z.object({
  /** Unit id: records of this unit or any unit below it. */
  unit: IdSchema.optional(),
  /** Topic id. */
  topic: TopicSchema.optional(),
  /** Calendar year the record covers. */
  year: z.coerce.number().int().min(1945).max(2100).optional(),
});
export type RecordFilter = z.infer<typeof RecordFilterSchema>;
