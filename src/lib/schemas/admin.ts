import { z } from 'astro/zod';
import { FullNameSchema, PositionSchema, RoleSchema, UsernameSchema } from './account';
import { IdSchema } from './common';
import { UnitKindSchema } from './unit';

const optionalText = (max: number, message: string) =>
  z
    .string()
    .optional()
    .transform((v) => (v ?? '').normalize('NFC').trim())
    .pipe(z.string().max(max, message))
    .transform((v) => (v === '' ? undefined : v));

const isoDate = z
  .string()
  .optional()
  .transform((v) => (v ?? '').trim())
  .pipe(z.union([z.literal(''), z.iso.date({ error: 'Ngày không hợp lệ' })]))
  .transform((v) => (v === '' ? undefined : v));

/** Fields an admin edits on an account (create adds the username). */
export const UserEditFormSchema = z.object({
  fullName: FullNameSchema,
  unitId: z.string({ error: 'Vui lòng chọn đơn vị' }).min(1, 'Vui lòng chọn đơn vị'),
  position: PositionSchema,
  roles: z.array(RoleSchema, { error: 'Vai trò không hợp lệ' }).min(1, 'Chọn ít nhất một vai trò'),
});
export type UserEditForm = z.infer<typeof UserEditFormSchema>;

/** Account creation form: the password is always a generated temporary one. */
export const UserCreateFormSchema = UserEditFormSchema.extend({ username: UsernameSchema });
export type UserCreateForm = z.infer<typeof UserCreateFormSchema>;

/** Query string of /quan-tri/nguoi-dung/. */
export const UserListQuerySchema = z.object({
  q: optionalText(100, 'Từ khóa quá dài'),
  unitId: z
    .string()
    .optional()
    .transform((v) => v || undefined),
  role: RoleSchema.optional().catch(undefined),
  status: z.enum(['active', 'inactive']).optional().catch(undefined),
  page: z.coerce.number().int().min(1).catch(1).default(1),
});
export type UserListQuery = z.infer<typeof UserListQuerySchema>;

/** Unit form in /quan-tri/don-vi/. */
export const UnitFormSchema = z
  .object({
    name: z
      .string({ error: 'Vui lòng nhập tên đơn vị' })
      .transform((v) => v.normalize('NFC').replace(/\s+/g, ' ').trim())
      .pipe(z.string().min(2, 'Vui lòng nhập tên đơn vị').max(200, 'Tên đơn vị tối đa 200 ký tự')),
    shortName: optionalText(80, 'Tên ngắn tối đa 80 ký tự'),
    kind: UnitKindSchema,
    parentId: z
      .string()
      .optional()
      .transform((v) => v || undefined),
    validFrom: isoDate,
    validTo: isoDate,
    note: optionalText(1000, 'Ghi chú tối đa 1000 ký tự'),
    successorIds: z.array(z.string()).default([]),
  })
  .refine((v) => !v.validFrom || !v.validTo || v.validFrom <= v.validTo, {
    error: 'Ngày kết thúc phải sau ngày bắt đầu',
    path: ['validTo'],
  });
export type UnitForm = z.infer<typeof UnitFormSchema>;

/** New unit: the admin picks the id (slug). */
export const UnitCreateFormSchema = UnitFormSchema.and(z.object({ id: IdSchema }));
export type UnitCreateForm = z.infer<typeof UnitCreateFormSchema>;

/** Successor links an admin may set on a unit that comes from the content file. */
export const UnitLinksFormSchema = z.object({ successorIds: z.array(z.string()).default([]) });
