// The production HTTP server around the handler that @astrojs/node builds: response
// compression, security headers, cache policy and graceful shutdown. The adapter's own
// standalone server has none of the first three (see docs/decisions/040).
import { existsSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import compression from 'compression';

/**
 * CSP directives sent as a header on every response. The script and style policy lives
 * in the `<meta>` that Astro's `security.csp` writes into each page (it knows the hashes);
 * these are the directives a `<meta>` cannot carry (`frame-ancestors`) or that must also
 * cover non-HTML responses. Two policies are both enforced, so they add up.
 */
export const HEADER_CSP = "frame-ancestors 'none'; base-uri 'self'; object-src 'none'; form-action 'self'";

/** Powerful features the site never uses, switched off for it and anything it embeds. */
export const PERMISSIONS_POLICY = 'camera=(), microphone=(), geolocation=(), payment=(), usb=()';

/** Hashed build assets: their URL changes whenever their content does. */
export const IMMUTABLE = 'public, max-age=31536000, immutable';

/** May be stored, but must be revalidated (ETag/Last-Modified make that a cheap 304). */
export const REVALIDATE = 'no-cache';

/** What `send` (the adapter's static file server) sets when nobody chose a policy. */
const SEND_DEFAULT_CACHE_CONTROL = 'public, max-age=0';

/** HSTS for one year; no includeSubDomains: other hosts of the domain may still be HTTP-only. */
export const HSTS_VALUE = 'max-age=31536000';

/**
 * Whether to send Strict-Transport-Security: `HSTS=1` forces it on, `HSTS=0` off; otherwise
 * only when the public address (`SITE_URL`) is HTTPS. Browsers ignore it over plain HTTP.
 * @param {NodeJS.ProcessEnv} env
 * @returns {boolean}
 */
export function wantsHsts(env) {
  if (env.HSTS === '1') return true;
  if (env.HSTS === '0') return false;
  return (env.SITE_URL ?? '').toLowerCase().startsWith('https://');
}

/**
 * Headers every response carries, whatever produced it (static file, page, endpoint, error).
 * @param {{ hsts: boolean }} options
 * @returns {[string, string][]}
 */
export function securityHeaders({ hsts }) {
  /** @type {[string, string][]} */
  const headers = [
    ['Content-Security-Policy', HEADER_CSP],
    ['X-Content-Type-Options', 'nosniff'],
    ['X-Frame-Options', 'DENY'],
    ['Referrer-Policy', 'strict-origin-when-cross-origin'],
    ['Permissions-Policy', PERMISSIONS_POLICY],
    ['Cross-Origin-Opener-Policy', 'same-origin'],
    ['Cross-Origin-Resource-Policy', 'same-origin'],
  ];
  if (hsts) headers.push(['Strict-Transport-Security', HSTS_VALUE]);
  return headers;
}

/**
 * Cache-Control for a response about to be sent.
 * - `/_astro/*` answered 2xx/304: immutable for a year (the file name carries a hash);
 * - a policy the application chose (e.g. `private, no-store` on signed-in pages): kept;
 * - `/pagefind/*` and HTML: revalidate on every use, so a new build shows at once;
 * - anything else: left as it is.
 * @param {{ pathname: string, status: number, contentType: string, current: string | undefined }} response
 * @returns {string | undefined} the value to send, or undefined for none
 */
export function cacheControlFor({ pathname, status, contentType, current }) {
  const ok = (status >= 200 && status < 300) || status === 304;
  if (pathname.startsWith('/_astro/') && ok) return IMMUTABLE;
  if (current && current !== SEND_DEFAULT_CACHE_CONTROL) return current;
  if (pathname.startsWith('/pagefind/')) return REVALIDATE;
  if (contentType.toLowerCase().startsWith('text/html')) return REVALIDATE;
  return current;
}

/**
 * Runs `listener` just before the response's headers are written, once, with the headers
 * passed to `writeHead(status, headers)` already applied, so it sees and may change the
 * final set. (The same trick as the `on-headers` package that `compression` uses.)
 * @param {http.ServerResponse} res
 * @param {(res: http.ServerResponse) => void} listener
 */
function beforeHeaders(res, listener) {
  const writeHead = res.writeHead;
  let fired = false;
  /** @type {any} */ (res).writeHead = function patchedWriteHead(
    /** @type {number} */ statusCode,
    /** @type {any[]} */ ...rest
  ) {
    if (fired) return writeHead.call(res, statusCode, ...rest);
    fired = true;
    const headers = typeof rest[0] === 'string' ? rest[1] : rest[0];
    if (typeof rest[0] === 'string') res.statusMessage = rest[0];
    res.statusCode = statusCode;
    if (Array.isArray(headers)) {
      const pairs = Array.isArray(headers[0]) ? headers : chunkPairs(headers);
      for (const [name] of pairs) res.removeHeader(name);
      for (const [name, value] of pairs) res.appendHeader(name, value);
    } else if (headers) {
      for (const [name, value] of Object.entries(headers)) if (value !== undefined) res.setHeader(name, value);
    }
    listener(res);
    return writeHead.call(res, res.statusCode);
  };
}

/** @param {any[]} flat `[name, value, name, value, …]` @returns {[string, any][]} */
function chunkPairs(flat) {
  /** @type {[string, any][]} */
  const pairs = [];
  for (let i = 0; i + 1 < flat.length; i += 2) pairs.push([flat[i], flat[i + 1]]);
  return pairs;
}

/**
 * Streamed pages (no Content-Length) must reach the browser as they are rendered, but a
 * compressor holds bytes back until its buffer fills. Flushing after every write would
 * cost compression; flushing once the writer pauses (the render awaits data) keeps both.
 * @param {http.ServerResponse & { flush?: () => void }} res
 */
function flushWhenIdle(res) {
  const write = res.write;
  let scheduled = false;
  const scheduleFlush = () => {
    if (scheduled) return;
    scheduled = true;
    setImmediate(() => {
      scheduled = false;
      res.flush?.();
    });
  };
  /** @type {any} */ (res).write = function idleFlushingWrite(/** @type {any[]} */ ...args) {
    const result = write.apply(this, /** @type {any} */ (args));
    scheduleFlush();
    return result;
  };
  // Headers may be written by the first write(), which went through the unwrapped function.
  scheduleFlush();
}

/**
 * Compress what is worth it: compressible types per mime-db (so no images or fonts), but
 * not `application/octet-stream`, which mime-db calls compressible: here that is Pagefind's
 * index, fragments and WebAssembly, gzipped by Pagefind already. Never partial content or
 * event streams.
 * @param {http.IncomingMessage} req
 * @param {http.ServerResponse} res
 */
function shouldCompress(req, res) {
  if (res.statusCode === 206 || res.hasHeader('Content-Range')) return false;
  const type = String(res.getHeader('Content-Type') ?? '').toLowerCase();
  if (type.startsWith('text/event-stream') || type.startsWith('application/octet-stream')) return false;
  return compression.filter(/** @type {any} */ (req), /** @type {any} */ (res));
}

/**
 * @typedef {(req: http.IncomingMessage, res: http.ServerResponse) => void} NodeHandler
 */

/**
 * Wraps the adapter's handler with compression (brotli when accepted, else gzip; bodies
 * under 1 KB left alone), security headers and the cache policy.
 * @param {NodeHandler} astroHandler the `handler` exported by `<dist>/server/entry.mjs`
 * @param {{ hsts: boolean, isShuttingDown?: () => boolean }} options
 * @returns {NodeHandler}
 */
export function createProductionHandler(astroHandler, { hsts, isShuttingDown = () => false }) {
  const security = securityHeaders({ hsts });
  const compress = compression({ threshold: 1024, filter: shouldCompress });
  return (req, res) => {
    for (const [name, value] of security) res.setHeader(name, value);
    if (isShuttingDown()) res.setHeader('Connection', 'close');
    compress(/** @type {any} */ (req), /** @type {any} */ (res), () => {
      // Registered after compression's own hook, so it runs first: compression then sees
      // the final Cache-Control (it honours no-transform) and Content-Length.
      beforeHeaders(res, () => {
        const pathname = (req.url ?? '/').split('?')[0] ?? '/';
        const cacheControl = cacheControlFor({
          pathname,
          status: res.statusCode,
          contentType: String(res.getHeader('Content-Type') ?? ''),
          current: /** @type {string | undefined} */ (res.getHeader('Cache-Control')),
        });
        if (cacheControl) res.setHeader('Cache-Control', cacheControl);
        else res.removeHeader('Cache-Control');
        // A page that sends its own CSP header keeps it, and ours is enforced beside it.
        const csp = [res.getHeader('Content-Security-Policy') ?? []].flat().map(String);
        if (!csp.includes(HEADER_CSP)) res.setHeader('Content-Security-Policy', [...csp, HEADER_CSP]);
        if (!res.hasHeader('Content-Length')) flushWhenIdle(res);
      });
      astroHandler(req, res);
    });
  };
}

/**
 * @typedef {object} ProductionServerOptions
 * @property {string} distDir build folder holding `server/entry.mjs` and `client/`
 * @property {string} host
 * @property {number} port
 * @property {NodeJS.ProcessEnv} [env] read for SITE_URL and HSTS (defaults to process.env)
 * @property {number} [shutdownTimeoutMs] how long in-flight requests may take after a signal
 */

/**
 * @typedef {{ ok: true, server: http.Server, url: string } | { ok: false, reason: string }} StartResult
 */

/** Host to show to people and to probe: a wildcard address is reached through localhost. */
export function reachableHost(/** @type {string} */ host) {
  if (host === '0.0.0.0' || host === '::' || host === '[::]') return 'localhost';
  return host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
}

/**
 * Loads the built Astro handler (without letting the adapter start its own server), serves
 * it on host:port, and on SIGINT/SIGTERM stops accepting connections, lets requests in
 * flight finish (up to `shutdownTimeoutMs`), then exits. A second signal exits at once.
 * @param {ProductionServerOptions} options
 * @returns {Promise<StartResult>}
 */
export async function startProductionServer({ distDir, host, port, env = process.env, shutdownTimeoutMs = 10_000 }) {
  const entry = path.join(distDir, 'server', 'entry.mjs');
  if (!existsSync(entry)) return { ok: false, reason: `Chưa có bản dựng (${entry}). Hãy chạy "npm run build".` };

  // Read by the adapter's entry when it is imported: export the handler, start nothing.
  process.env.ASTRO_NODE_AUTOSTART = 'disabled';
  /** @type {{ handler?: NodeHandler }} */
  const built = await import(pathToFileURL(entry).href);
  if (typeof built.handler !== 'function') {
    return { ok: false, reason: `${entry} không xuất hàm "handler" (cần @astrojs/node ở chế độ standalone).` };
  }

  let shuttingDown = false;
  const server = http.createServer(
    createProductionHandler(built.handler, { hsts: wantsHsts(env), isShuttingDown: () => shuttingDown }),
  );

  /** @type {Error | null} */
  const listening = await new Promise((resolve) => {
    const onError = (/** @type {Error} */ error) => resolve(error);
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolve(null);
    });
  });
  if (listening instanceof Error) {
    const code = /** @type {NodeJS.ErrnoException} */ (listening).code;
    const reason =
      code === 'EADDRINUSE'
        ? `Cổng ${port} trên ${host} đang được chương trình khác dùng. Hãy đặt PORT khác.`
        : `Không mở được máy chủ tại ${host}:${port}: ${listening.message}`;
    return { ok: false, reason };
  }

  /** @param {NodeJS.Signals} signal */
  const shutdown = (signal) => {
    if (shuttingDown) {
      console.error(`Nhận ${signal} lần nữa: dừng ngay.`);
      process.exit(1);
    }
    shuttingDown = true;
    console.log(`Nhận ${signal}: ngừng nhận kết nối mới, chờ các yêu cầu đang xử lý xong…`);
    server.close((error) => process.exit(error ? 1 : 0));
    // Keep-alive sockets with no request in flight would otherwise hold close() open.
    server.closeIdleConnections();
    const idleSweep = setInterval(() => server.closeIdleConnections(), 250);
    idleSweep.unref();
    setTimeout(() => {
      console.error(`Còn yêu cầu chưa xong sau ${shutdownTimeoutMs / 1000} giây: đóng mọi kết nối.`);
      server.closeAllConnections();
      process.exit(1);
    }, shutdownTimeoutMs).unref();
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);

  return { ok: true, server, url: `http://${reachableHost(host)}:${port}` };
}
