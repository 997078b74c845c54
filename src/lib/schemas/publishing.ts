import { z } from 'astro/zod';

/** Form fields as [name, value] pairs (autosave and restoring a draft kept in the browser). */
export const FormPairsSchema = z
  .array(z.tuple([z.string().max(200), z.string().max(100_000)]))
  .max(3000)
  .refine((pairs) => pairs.reduce((n, [k, v]) => n + k.length + v.length, 0) <= 400_000, {
    message: 'Nội dung quá lớn',
  });
export type FormPairsInput = z.infer<typeof FormPairsSchema>;

/** Which editor an autosave belongs to: a new record of a kind, or an existing record's id. */
export const EditorKeySchema = z.union([
  z.enum(['new:seminar', 'new:practice']),
  z.string().regex(/^r[a-z0-9]{8,40}$/),
]);
export type EditorKey = z.infer<typeof EditorKeySchema>;

/** Body of POST /bien-tap/tu-luu. */
export const AutosaveRequestSchema = z.object({ key: EditorKeySchema, pairs: FormPairsSchema });
export type AutosaveRequest = z.infer<typeof AutosaveRequestSchema>;

/** Body of POST /bien-tap/xem-truoc. */
export const PreviewRequestSchema = z.object({ body: z.string().max(100_000) });
export type PreviewRequest = z.infer<typeof PreviewRequestSchema>;

/** What the editor's buttons ask for. */
export const EditorIntentSchema = z.union([
  z.enum([
    'save',
    'submit',
    'publish',
    'preview',
    'upload',
    'return',
    'unpublish',
    'restore-server',
    'restore-local',
    'discard-autosave',
  ]),
  z.string().regex(/^add:[a-zA-Z]{1,30}$/),
  z.string().regex(/^detach:a[a-z0-9]{8,40}$/),
]);
export type EditorIntent = z.infer<typeof EditorIntentSchema>;

/** The record version a form was opened at. */
export const VersionSchema = z.coerce.number().int().min(1);
