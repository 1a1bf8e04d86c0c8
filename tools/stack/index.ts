export * from './stack';
export * from './ports';
export * from './postgres';
export * from './temporal-dev-server';
export * from './tokens';
