import { eq, inArray } from 'drizzle-orm';
import type { Database } from '../client';
import { units } from '../schema/index';
import { foldVietnamese } from '../../src/lib/shared/fold';
import { checkNewPassword, hashPassword } from '../../src/lib/server/password';
import { insertUser } from '../../src/lib/server/users';
import { DEMO_ACCOUNTS, DEMO_UNITS } from './demo-accounts';

/** A demo account's credentials, printed once. */
export interface DemoCredential {
  role: string;
  username: string;
  fullName: string;
  password: string;
}

// Plain words without diacritics: easy to type on any keyboard for a first try.
const WORDS = [
  'sông',
  'núi',
  'mây',
  'lúa',
  'sen',
  'tre',
  'biển',
  'gió',
  'nắng',
  'mưa',
  'trăng',
  'sao',
  'đèn',
  'sách',
  'bút',
  'cầu',
  'đường',
  'phố',
  'làng',
  'cây',
  'hoa',
  'quả',
  'trà',
  'cà',
  'phê',
  'mùa',
  'xuân',
  'hạ',
  'thu',
  'đông',
].map((w) => foldVietnamese(w));

/** A random passphrase of six words and two digits, e.g. "sen may lua tra bien gio 47". */
export function generatePassphrase(): string {
  const bytes = new Uint8Array(7);
  crypto.getRandomValues(bytes);
  const words = [...bytes.slice(0, 6)].map((b) => WORDS[b % WORDS.length]);
  return `${words.join(' ')} ${10 + ((bytes[6] ?? 0) % 90)}`;
}

/**
 * Seeds demo units and one account per role. Passwords come from `fixedPassword` (tests,
 * env DEMO_PASSWORD) or are generated. Call only on an empty users table.
 */
export async function seedDemo(database: Database, fixedPassword?: string): Promise<DemoCredential[]> {
  const credentials = DEMO_ACCOUNTS.map((account) => {
    let password = fixedPassword ?? generatePassphrase();
    while (!fixedPassword && !checkNewPassword(password, account).ok) password = generatePassphrase();
    return { account, password };
  });
  const hashes = await Promise.all(credentials.map((c) => hashPassword(c.password)));
  await database.write(async (tx) => {
    const wantedParents = DEMO_UNITS.map((u) => u.parent);
    const existing = new Set(
      (await tx.select({ id: units.id }).from(units).where(inArray(units.id, wantedParents))).map((u) => u.id),
    );
    const now = new Date();
    for (const unit of DEMO_UNITS) {
      const [present] = await tx.select({ id: units.id }).from(units).where(eq(units.id, unit.id));
      if (present) continue;
      const parentKnown = existing.has(unit.parent) || DEMO_UNITS.some((u) => u.id === unit.parent);
      await tx.insert(units).values({
        id: unit.id,
        name: unit.name,
        kind: unit.kind,
        parentId: parentKnown ? unit.parent : null,
        note: 'Dữ liệu mẫu để dùng thử; có thể xóa khi triển khai thật.',
        source: 'database',
        nameFolded: foldVietnamese(unit.name),
        createdAt: now,
        updatedAt: now,
      });
    }
    for (const [index, { account }] of credentials.entries()) {
      const result = await insertUser(tx, {
        username: account.username,
        fullName: account.fullName,
        unitId: account.unitId,
        position: account.position,
        roles: account.roles,
        passwordHash: hashes[index] ?? '',
        mustChangePassword: false,
      });
      if (!result.ok) throw new Error(`Demo account ${account.username}: ${result.reason}`);
    }
  });
  return credentials.map(({ account, password }) => ({
    role: account.role,
    username: account.username,
    fullName: account.fullName,
    password,
  }));
}
