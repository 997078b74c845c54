import { hash, verify, type Algorithm, type Options } from '@node-rs/argon2';
import { COMMON_PASSWORDS } from '../../../db/data/common-passwords';
import { NewPasswordSchema } from '../schemas/account';
import { foldVietnamese } from '../shared/fold';

/**
 * argon2id at OWASP's baseline (m = 19 MiB, t = 2, p = 1). `algorithm` is the numeric value of
 * the package's const enum (Argon2id = 2), which isolatedModules cannot read from its .d.ts.
 */
export const ARGON2_OPTIONS: Options = {
  algorithm: 2 as Algorithm,
  memoryCost: 19456,
  timeCost: 2,
  parallelism: 1,
};

/**
 * Hashes a password with argon2id. The input is NFC-normalised first (so the same Vietnamese
 * passphrase typed on different systems matches) and never truncated.
 */
export function hashPassword(password: string): Promise<string> {
  return hash(password.normalize('NFC'), ARGON2_OPTIONS);
}

/** Checks a password against an argon2 hash; false for a malformed hash. */
export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password.normalize('NFC'));
  } catch {
    return false;
  }
}

let dummyHash: Promise<string> | undefined;

/**
 * Spends the same time as verifying a real password, for logins with an unknown username,
 * so response time does not reveal whether an account exists.
 */
export async function verifyDummyPassword(password: string): Promise<false> {
  dummyHash ??= hashPassword(crypto.randomUUID());
  await verifyPassword(await dummyHash, password);
  return false;
}

/** Who the password is for, to refuse passwords built from their own name. */
export interface PasswordContext {
  username?: string;
  fullName?: string;
}

/** Result of {@link checkNewPassword}. */
export type PasswordCheck = { ok: true } | { ok: false; message: string };

/**
 * Applies NIST SP 800-63B to a new password: 15–128 code points, no composition rules, not
 * common (blocklist, also with spaces removed, diacritics folded, digits around a common word,
 * two common words joined), not repetitive, not the person's username or name.
 */
export function checkNewPassword(password: string, context: PasswordContext = {}): PasswordCheck {
  const shape = NewPasswordSchema.safeParse(password);
  if (!shape.success) return { ok: false, message: shape.error.issues[0]?.message ?? 'Mật khẩu không hợp lệ' };
  const folded = foldVietnamese(password.normalize('NFC')).replace(/\s+/g, '');
  if (isCommon(password.normalize('NFC').toLowerCase()) || isCommon(folded)) {
    return { ok: false, message: 'Mật khẩu này quá phổ biến, dễ bị đoán. Vui lòng chọn một câu khác.' };
  }
  if (isRepetitive(folded)) {
    return { ok: false, message: 'Mật khẩu lặp lại một chuỗi ngắn, dễ bị đoán. Vui lòng chọn một câu khác.' };
  }
  const username = context.username ? foldVietnamese(context.username).replace(/[^a-z0-9]/g, '') : '';
  const compact = folded.replace(/[^a-z0-9]/g, '');
  if (username.length >= 3 && compact.includes(username)) {
    return { ok: false, message: 'Mật khẩu không được chứa tên đăng nhập.' };
  }
  const name = context.fullName ? foldVietnamese(context.fullName).replace(/[^a-z0-9]/g, '') : '';
  if (name.length >= 6 && compact.includes(name) && compact.length - name.length < 8) {
    return { ok: false, message: 'Mật khẩu không được chỉ là họ tên của bạn.' };
  }
  return { ok: true };
}

function isCommon(value: string): boolean {
  const compact = value.replace(/\s+/g, '');
  if (COMMON_PASSWORDS.has(value) || COMMON_PASSWORDS.has(compact)) return true;
  // A common word padded with digits or symbols: "password12345678".
  const core = compact.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, '');
  if (core.length >= 4 && core !== compact && COMMON_PASSWORDS.has(core)) return true;
  // Two common entries joined: "qwertyuiopasdfgh", "iloveyouiloveyou".
  for (let i = 3; i <= compact.length - 3; i++) {
    if (COMMON_PASSWORDS.has(compact.slice(0, i)) && COMMON_PASSWORDS.has(compact.slice(i))) return true;
  }
  return false;
}

/** True when the text repeats a chunk of at most 10 characters ("abcabcabc…", "1234567890123456"). */
function isRepetitive(value: string): boolean {
  for (let period = 1; period <= 10 && period < value.length; period++) {
    let repeats = true;
    for (let i = period; i < value.length; i++) {
      if (value[i] !== value[i - period]) {
        repeats = false;
        break;
      }
    }
    if (repeats) return true;
  }
  return false;
}

// 32 symbols without i, l, o and 1, so 5 random bits map to one symbol with no bias.
const TEMPORARY_ALPHABET = 'abcdefghjkmnpqrstuvwxyz023456789';

/**
 * A temporary password an admin hands over: four groups of five characters from an
 * unambiguous alphabet (100 bits), e.g. "k7mqa-3hzpe-w9trx-b4nfu". Must be changed at
 * first login.
 */
export function generateTemporaryPassword(): string {
  const groups: string[] = [];
  const bytes = new Uint8Array(20);
  crypto.getRandomValues(bytes);
  for (let g = 0; g < 4; g++) {
    let group = '';
    for (let i = 0; i < 5; i++) {
      group += TEMPORARY_ALPHABET[(bytes[g * 5 + i] ?? 0) & 31];
    }
    groups.push(group);
  }
  return groups.join('-');
}
