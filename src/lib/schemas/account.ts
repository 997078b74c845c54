import { z } from 'astro/zod';

/** What a person may do: several roles are allowed per account. */
export const RoleSchema = z.enum(['learner', 'organiser', 'leader', 'admin']);
export type Role = z.infer<typeof RoleSchema>;

/** Positions offered in forms and recognised by the bulk import. */
export const POSITIONS = [
  'Viện trưởng',
  'Phó Viện trưởng',
  'Trưởng phòng',
  'Phó Trưởng phòng',
  'Kiểm sát viên',
  'Kiểm tra viên',
  'Chuyên viên',
  'Cán bộ',
  'Công chức',
  'Nhân viên',
  'Khác',
] as const;
export const PositionSchema = z.enum(POSITIONS, { error: 'Vui lòng chọn chức vụ trong danh sách' });
export type Position = z.infer<typeof PositionSchema>;

/** Minimum and maximum password length in Unicode code points (NIST SP 800-63B, single-factor). */
export const PASSWORD_MIN_LENGTH = 15;
export const PASSWORD_MAX_LENGTH = 128;

/** Normalises a username: NFC, trimmed, lower case. Stored and compared in this form. */
export function normalizeUsername(value: string): string {
  return value.normalize('NFC').trim().toLowerCase();
}

/** Username: 3–64 characters among a–z, 0–9, dot, dash and underscore (case-insensitive). */
export const UsernameSchema = z
  .string({ error: 'Vui lòng nhập tên đăng nhập' })
  .transform(normalizeUsername)
  .pipe(
    z
      .string()
      .min(3, 'Tên đăng nhập cần ít nhất 3 ký tự')
      .max(64, 'Tên đăng nhập tối đa 64 ký tự')
      .regex(
        /^[a-z0-9](?:[a-z0-9._-]*[a-z0-9])?$/,
        'Tên đăng nhập chỉ gồm chữ không dấu, số, dấu chấm, gạch ngang, gạch dưới',
      ),
  );

/** Counts Unicode code points after NFC, the length NIST asks for (not UTF-16 units). */
export function passwordLength(value: string): number {
  return [...value.normalize('NFC')].length;
}

/**
 * A new password's shape: 15–128 code points, anything allowed (spaces, Vietnamese letters),
 * no composition rules. The common-password check lives on the server (password.ts).
 */
export const NewPasswordSchema = z
  .string({ error: 'Vui lòng nhập mật khẩu mới' })
  .refine((v) => passwordLength(v) >= PASSWORD_MIN_LENGTH, {
    error: `Mật khẩu cần ít nhất ${PASSWORD_MIN_LENGTH} ký tự (nên dùng một câu dễ nhớ, có dấu cách)`,
  })
  .refine((v) => passwordLength(v) <= PASSWORD_MAX_LENGTH, {
    error: `Mật khẩu tối đa ${PASSWORD_MAX_LENGTH} ký tự`,
  });

/** A person's full name as written, NFC, single spaces. */
export const FullNameSchema = z
  .string({ error: 'Vui lòng nhập họ và tên' })
  .transform((v) => v.normalize('NFC').replace(/\s+/g, ' ').trim())
  .pipe(z.string().min(2, 'Vui lòng nhập họ và tên').max(120, 'Họ và tên tối đa 120 ký tự'));
