/** One step of a breadcrumb trail; the last one is the current page. */
export type Crumb = { label: string; href?: string };
