export * from './common';
export * from './unit';
export * from './course';
export * from './lesson';
export * from './seminar';
export * from './practice';
export * from './quiz';
