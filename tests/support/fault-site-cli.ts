// Runs the database side of a fault test in a child process, so that the test process holds
// no file of the database open afterwards (@libsql/client closes a file only once its
// statements are garbage-collected; a file system with an open file cannot be remounted
// read-only or unmounted).
//   node --import tsx tests/support/fault-site-cli.ts prepare <dir> <learners>   → FaultSite JSON
//   node --import tsx tests/support/fault-site-cli.ts verify <databaseUrl> <acks.json>  → check JSON
import { readFile } from 'node:fs/promises';
import { prepareFaultSite } from './fault-site';
import { integrityCheck, verifyAcks, type Ack } from './learner-sim';

const [command, a, b] = process.argv.slice(2);
if (command === 'prepare' && a) {
  const site = await prepareFaultSite({ dir: a, learners: Number(b ?? 2) });
  process.stdout.write(JSON.stringify({ ...site, cleanup: undefined }));
} else if (command === 'verify' && a && b) {
  const acks = JSON.parse(await readFile(b, 'utf8')) as Ack[];
  const check = await verifyAcks(a, acks);
  process.stdout.write(JSON.stringify({ ...check, integrity: await integrityCheck(a) }));
} else {
  console.error('usage: fault-site-cli.ts prepare <dir> <learners> | verify <databaseUrl> <acks.json>');
  process.exit(1);
}
process.exit(0);
