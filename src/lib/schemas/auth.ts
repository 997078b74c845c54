import { z } from 'astro/zod';
import { NewPasswordSchema, PASSWORD_MAX_LENGTH } from './account';

/**
 * Login form. The username is only normalised, not checked for shape, so that a malformed
 * username gets the same answer as an unknown one.
 */
export const LoginFormSchema = z.object({
  username: z
    .string()
    .transform((v) => v.normalize('NFC').trim().toLowerCase())
    .pipe(z.string().min(1, 'Vui lòng nhập tên đăng nhập').max(64, 'Tên đăng nhập hoặc mật khẩu không đúng')),
  // Never truncated; the cap only keeps absurd inputs away from argon2.
  password: z
    .string()
    .min(1, 'Vui lòng nhập mật khẩu')
    .max(PASSWORD_MAX_LENGTH * 4, 'Tên đăng nhập hoặc mật khẩu không đúng'),
  next: z.string().optional(),
});
export type LoginForm = z.infer<typeof LoginFormSchema>;

/** Change-password form on /tai-khoan/doi-mat-khau/. */
export const ChangePasswordFormSchema = z
  .object({
    currentPassword: z.string().min(1, 'Vui lòng nhập mật khẩu hiện tại'),
    newPassword: NewPasswordSchema,
    confirmPassword: z.string(),
  })
  .refine((v) => v.newPassword === v.confirmPassword, {
    error: 'Mật khẩu nhập lại không khớp',
    path: ['confirmPassword'],
  })
  .refine((v) => v.newPassword !== v.currentPassword, {
    error: 'Mật khẩu mới phải khác mật khẩu hiện tại',
    path: ['newPassword'],
  });
export type ChangePasswordForm = z.infer<typeof ChangePasswordFormSchema>;
