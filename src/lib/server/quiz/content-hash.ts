import { createHash } from 'node:crypto';
import type { Quiz } from '../../schemas/quiz';

/**
 * JSON with object keys sorted at every level and undefined members dropped, so equal values
 * give equal text whatever the key order of the YAML they came from.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

/**
 * The version hash of a quiz: SHA-256 (hex) of the canonical JSON of the parsed quiz, defaults
 * applied. Any change an author makes that can change grading or display gives a new hash.
 */
export function quizContentHash(quiz: Quiz): string {
  return createHash('sha256').update(canonicalJson(quiz), 'utf8').digest('hex');
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value instanceof Date) return value.toISOString();
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) {
    const member = (value as Record<string, unknown>)[key];
    if (member !== undefined) out[key] = sortKeys(member);
  }
  return out;
}
