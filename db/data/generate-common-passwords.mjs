// Regenerates common-passwords.ts. The source list is not a dependency; fetch it once with
//   cd /tmp && npm pack @zxcvbn-ts/language-common@4.1.3 && tar xzf zxcvbn-ts-language-common-4.1.3.tgz
// then run: node db/data/generate-common-passwords.mjs /tmp/package/src/passwords.json
import { readFileSync, writeFileSync } from 'node:fs';
const all = JSON.parse(readFileSync(process.argv[2] ?? '/tmp/package/src/passwords.json', 'utf8'));
const vietnamese = `matkhau matkhau123 matkhau1234 matkhau12345 matkhau123456 matkhaumoi matkhaucuatoi matkhaucuatoi123
matkhaumoi123456 doimatkhau anhyeuem anhyeuem123 emyeuanh emyeuanh123 anhyeuemnhieulam emyeuanhnhieulam yeuem yeuanh
vietnam vietnam123 vietnam2025 vietnam2026 vietnamvodich hanoi hanoi123 saigon saigon123 tphcm hochiminh
conmeo concho hoahong hoamai dulieu quantri quantrivien admin123 admin12345 administrator
vienkiemsat vienkiemsatnhandan kiemsatnhandan kiemsatvien kiemtravien vksnd vksndtoicao vksnd123 vks123456
taphuan taphuanso taphuanso123 taphuanso2025 taphuanso2026 chuyendoiso chuyendoiso2025 chuyendoiso2026
songuyen1234567 1234567890123456 12345678901234567890 12345678910111213 123456789012345 1234567891011
qwertyuiopasdfghjkl qwertyuiopasdfgh qwertyuiop1234567890 1q2w3e4r5t6y7u8i 1q2w3e4r5t6y7u8i9o0p zaq12wsxcde34rfv
abcdefghijklmnop abcdefghijklmnopqrstuvwxyz abc123456789012 passwordpassword password123456789 iloveyouiloveyou
matkhaumatkhau 0123456789abcdef aaaaaaaaaaaaaaa 111111111111111 000000000000000`
  .split(/\s+/)
  .filter(Boolean);
const seen = new Set();
const out = [];
const add = (w) => {
  w = w.normalize('NFC').toLowerCase().trim();
  if (w && !seen.has(w)) {
    seen.add(w);
    out.push(w);
  }
};
for (const w of all.slice(0, 5000)) add(w);
for (const w of all.slice(5000)) if (w.length >= 10) add(w);
for (const w of vietnamese) add(w);
const bad = out.filter((w) => /[`\\$\r\n]/.test(w));
console.log(`${out.length} entries (${bad.length} with characters a template literal needs escaped)`);
const body = out.filter((w) => !/[`\\\r\n]/.test(w) && !w.includes('${')).join('\n');
writeFileSync(
  new URL('./common-passwords.ts', import.meta.url),
  `// Common passwords refused for new passwords (NIST SP 800-63B "blocklist").
// Generated, not hand-edited: see docs/decisions/013-common-password-list.md for the source
// (the 5,000 most frequent entries of @zxcvbn-ts/language-common 4.1.3 passwords list, MIT,
// plus every entry of 10+ characters from the rest of it, plus Vietnamese additions).
// One lower-case entry per line.
const COMMON_PASSWORDS_TEXT = \`
${body}
\`;

/** The blocklist as a set of lower-case entries. */
export const COMMON_PASSWORDS: ReadonlySet<string> = new Set(COMMON_PASSWORDS_TEXT.split('\\n').filter(Boolean));
`,
);
