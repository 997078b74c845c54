/**
 * Learning progress, course completion, certificates and assigned training (issue 5): the
 * only modules that read or write the learning tables. See docs/decisions/050-progress-and-completion.md,
 * 051-certificates.md and 052-assignments.md.
 */
export * from './assignments';
export * from './catalog';
export * from './certificate-pdf';
export * from './certificates';
export * from './completion';
export * from './my-learning';
export * from './progress';
export * from './quiz-hook';
