// Runs autocannon (no pipelining) against one route and reduces its result to what the
// report shows: requests/s, latency percentiles and the requests that did not get the
// expected answer.
import autocannon, { type AutocannonRequest, type AutocannonResult } from 'autocannon';

/** One request to send; `next()` is called for every request, so it can rotate sessions and bodies. */
export interface RouteLoad {
  /** Builds the next request (path, method, headers, body). */
  next: () => AutocannonRequest;
  /** Statuses that count as success (e.g. 200, or 303 for a form post). */
  expect: readonly number[];
  /** Upper bound on requests (e.g. the number of open attempts a submit run may use). */
  maxRequests?: number;
}

/** What one run measured. */
export interface LoadStats {
  connections: number;
  seconds: number;
  requests: number;
  /** Completed requests per second (all statuses). */
  rps: number;
  p50: number;
  p99: number;
  /** Requests without an expected status, plus socket errors and timeouts. */
  errors: number;
  /** 5xx answers among them. */
  serverErrors: number;
  statuses: Record<string, number>;
}

/**
 * Loads `baseUrl` with `connections` concurrent connections for `seconds` (or until
 * `maxRequests`), one request in flight per connection.
 */
export async function runLoad(
  baseUrl: string,
  load: RouteLoad,
  connections: number,
  seconds: number,
): Promise<LoadStats> {
  const instance = autocannon({
    url: baseUrl,
    connections,
    pipelining: 1,
    duration: seconds,
    timeout: 30,
    ...(load.maxRequests !== undefined ? { maxOverallRequests: Math.max(load.maxRequests, connections) } : {}),
    requests: [
      {
        setupRequest: (request) => {
          const next = load.next();
          return { ...request, ...next, headers: { ...request.headers, ...next.headers } };
        },
      },
    ],
  });
  const result: AutocannonResult = await instance;
  const statuses = Object.fromEntries(
    Object.entries(result.statusCodeStats ?? {}).map(([k, v]) => [k, Number(v.count)]),
  );
  const answered = Object.values(statuses).reduce((a, b) => a + b, 0);
  const expected = load.expect.reduce((sum, status) => sum + (statuses[String(status)] ?? 0), 0);
  const serverErrors = Object.entries(statuses)
    .filter(([status]) => status.startsWith('5'))
    .reduce((sum, [, n]) => sum + n, 0);
  return {
    connections,
    seconds: result.duration,
    requests: answered,
    rps: answered / Math.max(result.duration, 0.001),
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: answered - expected + result.errors + result.timeouts,
    serverErrors,
    statuses,
  };
}

/** Cycles through a list, forever. */
export function cycle<T>(items: readonly T[]): () => T {
  if (items.length === 0) throw new Error('Nothing to cycle through.');
  let i = 0;
  return () => items[i++ % items.length]!;
}

/** Hands out list items once each; after the last, keeps returning the last one. */
export function once<T>(items: readonly T[]): () => T {
  if (items.length === 0) throw new Error('Nothing to hand out.');
  let i = 0;
  return () => items[Math.min(i++, items.length - 1)]!;
}
