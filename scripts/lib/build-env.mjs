// Environment for Astro builds: allocator settings that return freed native memory to the
// system. Measured on a 2,000-lesson build (scripts/bench, docs/decisions/090):
// - Vite 8 bundles with Rolldown, a native module whose allocator (mimalloc) keeps freed
//   memory mapped for a while by default: about 600 MB of it stayed resident for the rest of
//   the build. MIMALLOC_PURGE_DELAY=0 returns it at once.
// - The other native modules (MDX compiler, CSS minifier, libuv's thread pool) allocate with
//   glibc's malloc, which gives every thread its own arena and keeps their free space:
//   MALLOC_ARENA_MAX=2 saved about 150 MB more.
// Both are read when the process starts, so they must be in the environment before Astro
// loads; a value set by the user wins.

/** Allocator settings for the build (see the comment above). */
export const BUILD_ALLOCATOR_ENV = Object.freeze({ MIMALLOC_PURGE_DELAY: '0', MALLOC_ARENA_MAX: '2' });

/**
 * The environment to start an Astro build with.
 * @param {NodeJS.ProcessEnv} [env]
 * @returns {NodeJS.ProcessEnv}
 */
export function buildEnv(env = process.env) {
  return { ...BUILD_ALLOCATOR_ENV, ...env };
}
