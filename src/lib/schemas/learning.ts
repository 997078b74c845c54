import { z } from 'astro/zod';
import { isIsoDay } from '../shared/learning/days';
import { normalizeUsername, POSITIONS, type Position } from './account';
import { IdSchema } from './common';

/** The "mark done" form and the visit beacon: which lesson. */
export const LessonActionSchema = z.object({
  lesson: IdSchema.max(120),
});
export type LessonAction = z.infer<typeof LessonActionSchema>;

const isId = (v: string) => v.length <= 120 && IdSchema.safeParse(v).success;

/** An optional unit id from a select: empty means none. */
const optionalId = z
  .string()
  .optional()
  .transform((v) => (v ?? '').trim())
  .refine((v) => v === '' || isId(v), 'Đơn vị không hợp lệ')
  .transform((v) => (v === '' ? undefined : v));

const checkbox = z
  .string()
  .optional()
  .transform((v) => v === 'on' || v === '1' || v === 'true');

const isPosition = (v: string): v is Position => (POSITIONS as readonly string[]).includes(v);

/** Usernames typed one per line (or separated by commas, semicolons or spaces). */
const usernameList = z
  .string()
  .optional()
  .transform((v) => [
    ...new Set(
      (v ?? '')
        .split(/[\s,;]+/)
        .map(normalizeUsername)
        .filter(Boolean),
    ),
  ])
  .pipe(z.array(z.string().max(64, 'Tên đăng nhập quá dài')).max(500, 'Tối đa 500 người cho mỗi lần giao'));

/** The assignment form of /lanh-dao/giao-khoa-hoc/: a course, a deadline and at least one target. */
export const AssignmentFormSchema = z
  .object({
    courseId: z
      .string({ error: 'Vui lòng chọn khóa học' })
      .refine((v) => v !== '', 'Vui lòng chọn khóa học')
      .refine((v) => v === '' || isId(v), 'Khóa học không hợp lệ'),
    kind: z.enum(['required', 'recommended'], { error: 'Vui lòng chọn bắt buộc hoặc khuyến khích' }),
    dueDate: z
      .string({ error: 'Vui lòng nhập hạn hoàn thành' })
      .transform((v) => v.trim())
      .refine(isIsoDay, 'Vui lòng nhập hạn hoàn thành hợp lệ (ngày/tháng/năm)'),
    note: z
      .string()
      .optional()
      .transform((v) => (v ?? '').normalize('NFC').trim())
      .pipe(z.string().max(500, 'Ghi chú tối đa 500 ký tự'))
      .transform((v) => (v === '' ? undefined : v)),
    unitId: optionalId,
    includeSubunits: checkbox,
    position: z
      .string()
      .optional()
      .transform((v) => (v ?? '').trim())
      .refine((v) => v === '' || isPosition(v), 'Vui lòng chọn chức vụ trong danh sách')
      .transform((v) => (v === '' ? undefined : (v as Position))),
    positionUnitId: optionalId,
    usernames: usernameList,
  })
  .refine((v) => v.unitId || v.position || v.usernames.length > 0, {
    message: 'Chọn ít nhất một đối tượng được giao: một đơn vị, một chức vụ hoặc những người cụ thể.',
    path: ['targets'],
  });
export type AssignmentForm = z.infer<typeof AssignmentFormSchema>;
