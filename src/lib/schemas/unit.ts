import { z } from 'astro/zod';
import { IdSchema } from './common';

/** Kinds of unit in the procuracy hierarchy. */
export const UnitKindSchema = z.enum(['toi-cao', 'tinh', 'huyen', 'khu-vuc', 'phong', 'khac']);
export type UnitKind = z.infer<typeof UnitKindSchema>;

/**
 * A unit of the People's Procuracy, as data. Units are renamed and merged over time
 * (Nghị quyết 84/2025/UBTVQH15), so each has a validity period and links to the units
 * it came from or became; records keep the unit id they had when written.
 */
export const UnitSchema = z.object({
  /** Stable id, never reused, e.g. "vksnd-huyen-my-xuyen". */
  id: IdSchema,
  /** Official name during the validity period, e.g. "VKSND huyện Mỹ Xuyên". */
  name: z.string().min(1),
  /** Short name for tight spaces, e.g. "Mỹ Xuyên". */
  shortName: z.string().optional(),
  /** Level in the hierarchy. */
  kind: UnitKindSchema,
  /** Id of the parent unit during the validity period; absent for the top. */
  parent: IdSchema.optional(),
  /** First day the unit existed under this name (inclusive). */
  validFrom: z.coerce.date().optional(),
  /** Last day the unit existed under this name (inclusive); absent while current. */
  validTo: z.coerce.date().optional(),
  /** Units this one was formed from (merger or rename). */
  predecessors: z.array(IdSchema).default([]),
  /** Units this one became; left empty until an administrator sets them. */
  successors: z.array(IdSchema).default([]),
  /** Free note, e.g. the legal act behind a merger. */
  note: z.string().optional(),
});
export type Unit = z.infer<typeof UnitSchema>;
