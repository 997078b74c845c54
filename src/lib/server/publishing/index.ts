/** Publishing seminar records and best practices from the browser (issue 7). */
export * from './attachment-files';
export * from './data-dir';
export * from './editor';
export * from './editor-form';
export * from './export';
export * from './markdown';
export * from './permissions';
export * from './public-records';
export * from './records';
export * from './request-body';
export * from './search-index';
export * from './context';
export * from './page-model';
export * from './search-check';
export * from './serve-attachment';
