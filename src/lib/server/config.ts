/**
 * Runtime settings of the account layer, read from the environment at call time so tests
 * can change them per server. Every duration has a safe default; see README "Configuration".
 */
export interface AuthConfig {
  /** A session unused for this long ends (sliding; SESSION_IDLE_TIMEOUT seconds, default 8 h). */
  idleTimeoutMs: number;
  /** A session ends this long after login whatever the activity (SESSION_MAX_AGE seconds, default 7 days). */
  absoluteLifetimeMs: number;
  /** last_active_at is written at most this often (60 s), to spare the database. */
  activityRefreshMs: number;
  /** Secure + __Host- cookie (COOKIE_SECURE=1/0; default: when SITE_URL is https). */
  cookieSecure: boolean;
  /** Origin of SITE_URL, accepted by the Origin check besides the request's own origin. */
  siteOrigin: string | null;
  /** Take the client address from X-Forwarded-For (TRUST_PROXY=1; only behind a proxy you run). */
  trustProxy: boolean;
  throttle: ThrottleConfig;
}

/** Login throttling policy (docs/decisions/012-login-throttling.md). */
export interface ThrottleConfig {
  /** First delay once the free failures are used up; doubles with each further failure. */
  baseDelayMs: number;
  /** Failures per username before delays start. */
  usernameFreeFailures: number;
  /** Longest delay per username: low, so an attacker cannot lock a person out for long. */
  usernameMaxDelayMs: number;
  /** Failures per client address before delays start (offices share one address). */
  ipFreeFailures: number;
  /** Longest delay per client address. */
  ipMaxDelayMs: number;
  /** Failures are forgotten after this long without a new one. */
  resetAfterMs: number;
}

function seconds(value: string | undefined, fallback: number): number {
  const n = Number(value);
  return Number.isFinite(n) && n > 0 ? n * 1000 : fallback;
}

function count(value: string | undefined, fallback: number): number {
  const n = Number(value);
  return Number.isInteger(n) && n >= 0 ? n : fallback;
}

function millis(value: string | undefined, fallback: number): number {
  const n = Number(value);
  return Number.isFinite(n) && n >= 0 ? n : fallback;
}

function originOf(url: string | undefined): string | null {
  if (!url) return null;
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}

/** Reads the settings from `env` (default: process.env). */
export function authConfig(env: NodeJS.ProcessEnv = process.env): AuthConfig {
  const siteOrigin = originOf(env.SITE_URL);
  const secureSetting = env.COOKIE_SECURE;
  const cookieSecure =
    secureSetting === '1' || secureSetting === 'true'
      ? true
      : secureSetting === '0' || secureSetting === 'false'
        ? false
        : (siteOrigin?.startsWith('https:') ?? false);
  return {
    idleTimeoutMs: seconds(env.SESSION_IDLE_TIMEOUT, 8 * 60 * 60 * 1000),
    absoluteLifetimeMs: seconds(env.SESSION_MAX_AGE, 7 * 24 * 60 * 60 * 1000),
    activityRefreshMs: 60 * 1000,
    cookieSecure,
    siteOrigin,
    trustProxy: env.TRUST_PROXY === '1' || env.TRUST_PROXY === 'true',
    throttle: {
      baseDelayMs: millis(env.THROTTLE_BASE_DELAY_MS, 1000),
      usernameFreeFailures: count(env.THROTTLE_USERNAME_FREE, 5),
      usernameMaxDelayMs: millis(env.THROTTLE_USERNAME_MAX_DELAY_MS, 60 * 1000),
      ipFreeFailures: count(env.THROTTLE_IP_FREE, 20),
      ipMaxDelayMs: millis(env.THROTTLE_IP_MAX_DELAY_MS, 15 * 60 * 1000),
      resetAfterMs: millis(env.THROTTLE_RESET_MS, 60 * 60 * 1000),
    },
  };
}
