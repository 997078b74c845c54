/** Reading request bodies with a size limit (the node adapter's own limit is 1 GiB). */

/** Outcome of {@link readFormWithLimit}. */
export type LimitedForm = { ok: true; form: FormData } | { ok: false; reason: 'too-large' | 'malformed' };

/**
 * Reads a form body (URL-encoded or multipart) of at most `maxBytes`, refusing larger ones
 * without reading them whole.
 * @param request the request
 * @param maxBytes the largest body accepted
 */
export async function readFormWithLimit(request: Request, maxBytes: number): Promise<LimitedForm> {
  const declared = Number(request.headers.get('content-length') ?? 'NaN');
  if (Number.isFinite(declared) && declared > maxBytes) {
    await request.body?.cancel().catch(() => undefined);
    return { ok: false, reason: 'too-large' };
  }
  if (!request.body) return { ok: false, reason: 'malformed' };
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = request.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      return { ok: false, reason: 'too-large' };
    }
    chunks.push(value);
  }
  const body = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  try {
    const form = await new Response(body, {
      headers: { 'content-type': request.headers.get('content-type') ?? '' },
    }).formData();
    return { ok: true, form };
  } catch {
    return { ok: false, reason: 'malformed' };
  }
}

/**
 * Reads a JSON body of at most `maxBytes`; null when too large or not JSON.
 * @param request the request
 * @param maxBytes the largest body accepted
 */
export async function readJsonWithLimit(request: Request, maxBytes: number): Promise<unknown> {
  const declared = Number(request.headers.get('content-length') ?? 'NaN');
  if (Number.isFinite(declared) && declared > maxBytes) return null;
  try {
    const text = await request.text();
    if (new TextEncoder().encode(text).byteLength > maxBytes) return null;
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}
