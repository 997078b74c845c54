export * from './units';
export * from './users';
export * from './auth';
