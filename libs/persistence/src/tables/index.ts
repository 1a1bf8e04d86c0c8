/** Each table's SQL, in one module per table. Every function takes a DataSource, an EntityManager or a QueryRunner. */
export * from './sql';
export * from './matters';
export * from './subjects';
export * from './stage-transitions';
export * from './deadlines';
export * from './audit-trail';
export * from './outbox';
export * from './delivery-attempts';
export * from './gauges';
export * from './web-sessions';
export * from './my-work';
export * from './next-deadline';
export * from './people';
export * from './confidential-reports';
export * from './allegations';
export * from './allocation';
export * from './early-intervention';
