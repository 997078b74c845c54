export * from './units';
export * from './users';
export * from './auth';
export * from './quizzes';
export * from './learning';
export * from './publishing';
