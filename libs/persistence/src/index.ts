export * from './data-source';
export { MIGRATIONS } from './migrations';
export * from './tables';
export * from './reports';
export * from './database-size';
