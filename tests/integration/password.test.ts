import { describe, expect, it } from 'vitest';
import { passwordLength } from '../../src/lib/schemas/account';
import {
  checkNewPassword,
  generateTemporaryPassword,
  hashPassword,
  verifyPassword,
} from '../../src/lib/server/password';

describe('password hashing', () => {
  it('uses argon2id with at least the OWASP baseline parameters', async () => {
    const hash = await hashPassword('một câu mật khẩu khá dài');
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  });

  it('verifies the same Vietnamese passphrase typed in NFC or NFD form', async () => {
    const nfc = 'sáng thứ hai họp giao ban'.normalize('NFC');
    const hash = await hashPassword(nfc);
    expect(await verifyPassword(hash, nfc.normalize('NFD'))).toBe(true);
  });

  it('never truncates: one more character is a different password', async () => {
    const long = 'a'.repeat(100) + ' câu rất dài';
    const hash = await hashPassword(long);
    expect(await verifyPassword(hash, long)).toBe(true);
    expect(await verifyPassword(hash, `${long}x`)).toBe(false);
    expect(await verifyPassword(hash, long.slice(0, 72))).toBe(false);
  });
});

describe('new password rules (NIST SP 800-63B)', () => {
  it('refuses 14 characters and accepts 15', () => {
    expect(checkNewPassword('toi di lam xa x').ok).toBe(true);
    expect(checkNewPassword('toi di lam xa ').ok).toBe(false);
  });

  it('counts Unicode code points after NFC, not UTF-16 units or bytes', () => {
    const nfd = 'điện thoại của tôi'.normalize('NFD');
    expect(passwordLength(nfd)).toBe(18);
    expect(passwordLength('🔒🔒🔒')).toBe(3);
  });

  it('accepts spaces and Vietnamese letters with no composition rules', () => {
    expect(checkNewPassword('hôm nay trời đẹp quá đi thôi')).toEqual({ ok: true });
  });

  it('accepts 128 characters and refuses 129', () => {
    const base = 'đi một ngày đàng học một sàng khôn ';
    const make = (n: number) => [...base.repeat(5)].slice(0, n).join('');
    expect(checkNewPassword(make(128)).ok).toBe(true);
    expect(checkNewPassword(make(129))).toMatchObject({ ok: false, message: expect.stringContaining('128') });
  });

  it('refuses common passwords, also padded with digits, joined, spaced or with diacritics', () => {
    for (const weak of [
      '1234567890123456',
      'password12345678',
      'qwertyuiopasdfgh',
      'mật khẩu của tôi 123',
      'iloveyouiloveyou',
      'abcabcabcabcabcabc',
    ]) {
      expect(checkNewPassword(weak), weak).toMatchObject({ ok: false });
    }
  });

  it('refuses a password built from the username', () => {
    expect(checkNewPassword('nguyen.van.an 2026 mua xuan', { username: 'nguyen.van.an' })).toMatchObject({ ok: false });
  });
});

describe('temporary passwords', () => {
  it('are long enough, random and unambiguous', () => {
    const a = generateTemporaryPassword();
    expect(a).toMatch(/^[a-hj-km-np-z0-9]{5}(-[a-hj-km-np-z0-9]{5}){3}$/);
    expect(a).not.toMatch(/[ilo1]/);
    expect(generateTemporaryPassword()).not.toBe(a);
    expect(passwordLength(a)).toBeGreaterThanOrEqual(15);
  });
});
