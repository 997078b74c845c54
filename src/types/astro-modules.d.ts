// Plain `tsc` cannot read .astro files (only `astro check` can), so TypeScript modules that
// import components, such as the MDX component map, need this fallback to type-check under
// `tsc --noEmit`. Where the Astro language tools resolve the real file, they use it instead.
declare module '*.astro' {
  import type { AstroComponentFactory } from 'astro/runtime/server/index.js';
  const Component: AstroComponentFactory;
  export default Component;
}
