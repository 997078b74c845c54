import { and, desc, eq } from 'drizzle-orm';
import { certificates, units, users } from '../../../../db/schema/index';
import type { CatalogCourse } from '../../shared/learning/catalog';
import type { Database, Tx } from '../db';

/**
 * Letters and digits of verification codes: no 0/O, 1/I/L or U, which people misread or
 * mistype when they copy a code from paper.
 */
const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTVWXYZ';
const CODE_LENGTH = 12;
/** Largest multiple of the alphabet size below 256: bytes above it are drawn again (no bias). */
const UNBIASED_LIMIT = 256 - (256 % CODE_ALPHABET.length);
const ISSUE_ATTEMPTS = 5;

/** A certificate as stored: the facts printed on it. */
export interface Certificate {
  code: string;
  userId: string;
  courseId: string;
  fullName: string;
  position: string;
  unitName: string;
  courseTitle: string;
  hours: number;
  completedAt: Date;
  issuedAt: Date;
}

/**
 * A new random verification code, "XXXX-XXXX-XXXX": 12 symbols of 30, about 59 bits, drawn
 * with crypto.getRandomValues, so codes can neither be guessed nor enumerated.
 */
export function generateVerificationCode(): string {
  const out: string[] = [];
  while (out.length < CODE_LENGTH) {
    const bytes = crypto.getRandomValues(new Uint8Array(CODE_LENGTH * 2));
    for (const byte of bytes) {
      if (byte >= UNBIASED_LIMIT) continue;
      out.push(CODE_ALPHABET[byte % CODE_ALPHABET.length] ?? '');
      if (out.length === CODE_LENGTH) break;
    }
  }
  return formatCode(out.join(''));
}

function formatCode(symbols: string): string {
  return `${symbols.slice(0, 4)}-${symbols.slice(4, 8)}-${symbols.slice(8, 12)}`;
}

/**
 * The canonical form of a code someone typed or followed ("k7qf 3m9t xw2h" → "K7QF-3M9T-XW2H"),
 * or null when it cannot be a code.
 * @param input the code as given
 */
export function normaliseVerificationCode(input: string): string | null {
  const symbols = input.toUpperCase().replace(/[\s-]/g, '');
  if (symbols.length !== CODE_LENGTH) return null;
  for (const c of symbols) if (!CODE_ALPHABET.includes(c)) return null;
  return formatCode(symbols);
}

/** Options of {@link issueCertificate}. */
export interface IssueOptions {
  now: Date;
  /** Code generator (tests inject collisions); default {@link generateVerificationCode}. */
  newCode?: () => string;
}

/**
 * Issues the learner's certificate for a course inside a write transaction, once: an existing
 * certificate is returned as is. Name, position and unit are copied from the account now.
 * A code that is already taken (astronomically rare) is drawn again.
 * @returns the certificate's code
 */
export async function issueCertificate(
  tx: Tx,
  userId: string,
  course: Pick<CatalogCourse, 'id' | 'title' | 'estimatedHours'>,
  completedAt: Date,
  options: IssueOptions,
): Promise<string> {
  const [existing] = await tx
    .select({ code: certificates.code })
    .from(certificates)
    .where(and(eq(certificates.userId, userId), eq(certificates.courseId, course.id)));
  if (existing) return existing.code;
  const [person] = await tx
    .select({ fullName: users.fullName, position: users.position, unitName: units.name })
    .from(users)
    .innerJoin(units, eq(units.id, users.unitId))
    .where(eq(users.id, userId));
  if (!person) throw new Error(`No account ${userId} to issue a certificate to`);
  const newCode = options.newCode ?? generateVerificationCode;
  for (let attempt = 0; attempt < ISSUE_ATTEMPTS; attempt++) {
    const inserted = await tx
      .insert(certificates)
      .values({
        code: newCode(),
        userId,
        courseId: course.id,
        fullName: person.fullName,
        position: person.position,
        unitName: person.unitName,
        courseTitle: course.title,
        hours: course.estimatedHours,
        completedAt,
        issuedAt: options.now,
      })
      // The (user, course) pair was checked above in this same transaction, so a conflict
      // here can only be the code: draw another.
      .onConflictDoNothing()
      .returning({ code: certificates.code });
    if (inserted[0]) return inserted[0].code;
  }
  throw new Error(`No free certificate code after ${ISSUE_ATTEMPTS} attempts`);
}

const certificateColumns = {
  code: certificates.code,
  userId: certificates.userId,
  courseId: certificates.courseId,
  fullName: certificates.fullName,
  position: certificates.position,
  unitName: certificates.unitName,
  courseTitle: certificates.courseTitle,
  hours: certificates.hours,
  completedAt: certificates.completedAt,
  issuedAt: certificates.issuedAt,
};

/** A certificate by its code (any form {@link normaliseVerificationCode} accepts), or null. */
export async function findCertificate(database: Database, code: string): Promise<Certificate | null> {
  const canonical = normaliseVerificationCode(code);
  if (!canonical) return null;
  const [row] = await database.db.select(certificateColumns).from(certificates).where(eq(certificates.code, canonical));
  return row ?? null;
}

/** A certificate of this learner by code, or null (someone else's code gives null too). */
export async function findOwnCertificate(
  database: Database,
  userId: string,
  code: string,
): Promise<Certificate | null> {
  const certificate = await findCertificate(database, code);
  return certificate && certificate.userId === userId ? certificate : null;
}

/** The learner's certificates, newest completion first. */
export async function listCertificates(database: Database, userId: string): Promise<Certificate[]> {
  return database.db
    .select(certificateColumns)
    .from(certificates)
    .where(eq(certificates.userId, userId))
    .orderBy(desc(certificates.completedAt));
}

/** What the public verification page may show: no more than needed to confirm the certificate. */
export interface PublicCertificate {
  code: string;
  fullName: string;
  courseTitle: string;
  completedAt: Date;
}

/** The public facts of a certificate, or null for an unknown code. */
export async function verifyCertificate(database: Database, code: string): Promise<PublicCertificate | null> {
  const certificate = await findCertificate(database, code);
  if (!certificate) return null;
  return {
    code: certificate.code,
    fullName: certificate.fullName,
    courseTitle: certificate.courseTitle,
    completedAt: certificate.completedAt,
  };
}
