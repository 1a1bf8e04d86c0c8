export * from './types';
export * from './variables';
export * from './config';
export * from './table';
