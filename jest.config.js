// Four suites, one command (`npm test`): the rules (unit), the workflows on Temporal's
// time-skipping test server, the services that act (integration: the outbox dispatcher against
// real PostgreSQL, SMTP and HTTP receivers, with injected faults), and end to end over HTTP on the
// whole stack.
const { pathsToModuleNameMapper } = require('ts-jest');
const { compilerOptions } = require('./tsconfig.base.json');

/** Dependencies published as ES modules only; what they install beneath them (openid-client's jose 6) goes with them. */
const ESM_ONLY = ['openid-client', 'oauth4webapi'];

const common = {
  testEnvironment: 'node',
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json', diagnostics: false }],
    // The OpenID Connect client ships ES modules only, which Jest's CommonJS sandbox cannot load: compiled for it.
    [`/node_modules/(${ESM_ONLY.join('|')})/.+\\.js$`]: ['ts-jest', { tsconfig: { allowJs: true, module: 'commonjs', target: 'ES2022' }, diagnostics: false }],
  },
  transformIgnorePatterns: [`^(?!.*/node_modules/(${ESM_ONLY.join('|')})/).*/node_modules/`],
  moduleNameMapper: pathsToModuleNameMapper(compilerOptions.paths, { prefix: '<rootDir>/' }),
  rootDir: __dirname,
};

module.exports = {
  testTimeout: 120_000,
  projects: [
    // workflows/test/**/*.spec.ts: the pure parts of the workflow tests (the model of the model-based test);
    // workflows/src/**/*.spec.ts: the pure checks and mappings beside the workflows, tested without Temporal.
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/{libs,apps,tools,bench}/**/*.spec.ts', '<rootDir>/workflows/test/**/*.spec.ts', '<rootDir>/workflows/src/**/*.spec.ts'] },
    {
      ...common,
      displayName: 'workflows',
      testMatch: ['<rootDir>/workflows/**/*.test.ts'],
      globalSetup: '<rootDir>/test/setup/workflows.global-setup.js',
      globalTeardown: '<rootDir>/test/setup/workflows.global-teardown.js',
    },
    {
      ...common,
      displayName: 'integration',
      testMatch: ['<rootDir>/{apps,libs}/**/*.int-spec.ts'],
      globalSetup: '<rootDir>/test/setup/integration.global-setup.js',
      globalTeardown: '<rootDir>/test/setup/integration.global-teardown.js',
    },
    {
      ...common,
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/e2e/**/*.e2e-spec.ts'],
      globalSetup: '<rootDir>/test/setup/e2e.global-setup.js',
      globalTeardown: '<rootDir>/test/setup/e2e.global-teardown.js',
    },
  ],
};
