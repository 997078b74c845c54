/**
 * Creates a real administrator from the command line:
 *
 *   npm run user:create -- --username nguyen.van.a --name "Nguyễn Văn A" --unit vksnd-tp-can-tho [--position "Chuyên viên"]
 *
 * The password comes from env NEW_USER_PASSWORD or is asked for (hidden) on the terminal; it
 * must follow the password rules (15–128 characters, not common). The database is migrated and
 * units synced first, without demo data, so this also works on a brand-new database.
 */
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { DEFAULT_DATABASE_URL } from '../db/client';
import { PositionSchema, UsernameSchema, FullNameSchema } from '../src/lib/schemas/account';
import { checkNewPassword } from '../src/lib/server/password';
import { listUnitNames, resolveUnit } from '../src/lib/server/units';
import { createUser } from '../src/lib/server/users';
import { prepareDatabase } from './db-prepare';

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

/** Reads a line without echoing it (for passwords). */
function askHidden(question: string): Promise<string> {
  return new Promise((resolve) => {
    const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
    const output = rl as unknown as { _writeToOutput: (s: string) => void };
    let asked = false;
    output._writeToOutput = (s: string) => {
      if (!asked) {
        process.stdout.write(s);
        asked = true;
      }
    };
    rl.question(question, (answer) => {
      rl.close();
      process.stdout.write('\n');
      resolve(answer);
    });
  });
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      username: { type: 'string' },
      name: { type: 'string' },
      unit: { type: 'string' },
      position: { type: 'string', default: 'Chuyên viên' },
    },
  });
  const username = UsernameSchema.safeParse(values.username ?? '');
  if (!username.success) fail(`--username: ${username.error.issues[0]?.message}`);
  const fullName = FullNameSchema.safeParse(values.name ?? '');
  if (!fullName.success) fail(`--name: ${fullName.error.issues[0]?.message}`);
  const position = PositionSchema.safeParse(values.position);
  if (!position.success) fail(`--position: ${position.error.issues[0]?.message}`);
  if (!values.unit) fail('--unit: cần mã hoặc tên đơn vị (ví dụ vksnd-tp-can-tho)');

  let password = process.env.NEW_USER_PASSWORD;
  if (!password) {
    if (!process.stdin.isTTY)
      fail('Không có mật khẩu: đặt biến môi trường NEW_USER_PASSWORD hoặc chạy trong terminal.');
    password = await askHidden('Mật khẩu (ít nhất 15 ký tự): ');
    const again = await askHidden('Nhập lại mật khẩu: ');
    if (again !== password) fail('Hai lần nhập mật khẩu không khớp.');
  }
  const rule = checkNewPassword(password, { username: username.data, fullName: fullName.data });
  if (!rule.ok) fail(rule.message);

  const { database } = await prepareDatabase({
    url: process.env.DATABASE_URL || DEFAULT_DATABASE_URL,
    authToken: process.env.DATABASE_AUTH_TOKEN || undefined,
    seedDemo: false,
  });
  try {
    const unit = resolveUnit(await listUnitNames(database), values.unit);
    if (!unit.ok)
      fail(
        unit.reason === 'ambiguous'
          ? `Đơn vị "${values.unit}" trùng tên: ${unit.candidates?.join(', ')}`
          : `Không tìm thấy đơn vị "${values.unit}".`,
      );
    const result = await createUser(database, {
      username: username.data,
      fullName: fullName.data,
      unitId: unit.id,
      position: position.data,
      roles: ['admin'],
      password,
      mustChangePassword: false,
    });
    if (!result.ok)
      fail(result.reason === 'username-taken' ? `Tên đăng nhập "${username.data}" đã có.` : 'Đơn vị không tồn tại.');
    console.log(`Đã tạo quản trị viên "${username.data}" (${fullName.data}).`);
  } finally {
    database.close();
  }
}

main().catch((error: unknown) => fail(error instanceof Error ? error.message : String(error)));
