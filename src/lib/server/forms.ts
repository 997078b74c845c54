import type { z } from 'astro/zod';

/** Field name → first Vietnamese error message. */
export type FieldErrors = Record<string, string>;

/** Outcome of {@link parseForm}: the data, or errors plus what was typed (to fill the form again). */
export type FormResult<T> =
  { ok: true; data: T } | { ok: false; errors: FieldErrors; values: Record<string, string | string[]> };

/** Field names never sent back to the browser after an error. */
const SECRET_FIELDS = new Set(['password', 'currentPassword', 'newPassword', 'confirmPassword']);

/**
 * Turns form data into a plain object: repeated or `arrays` fields become arrays, files are
 * ignored (read them separately).
 */
export function formValues(form: FormData, arrays: readonly string[] = []): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const name of new Set(form.keys())) {
    const values = form.getAll(name).filter((v): v is string => typeof v === 'string');
    out[name] = arrays.includes(name) ? values : (values[0] ?? '');
  }
  for (const name of arrays) out[name] ??= [];
  return out;
}

/** The first message per field of a zod error (form-level errors under "_form"). */
export function fieldErrors(error: z.ZodError): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.length > 0 ? String(issue.path[0]) : '_form';
    errors[key] ??= issue.message;
  }
  return errors;
}

/** Validates form data with a schema; on failure keeps what was typed, except passwords. */
export function parseForm<S extends z.ZodType>(
  schema: S,
  form: FormData,
  arrays: readonly string[] = [],
): FormResult<z.infer<S>> {
  const values = formValues(form, arrays);
  const result = schema.safeParse(values);
  if (result.success) return { ok: true, data: result.data };
  const kept = Object.fromEntries(Object.entries(values).filter(([k]) => !SECRET_FIELDS.has(k)));
  return { ok: false, errors: fieldErrors(result.error), values: kept };
}

/** Reads a form body, or null when the body is not a form (wrong content type, too large, malformed). */
export async function readForm(request: Request): Promise<FormData | null> {
  try {
    return await request.formData();
  } catch {
    return null;
  }
}
