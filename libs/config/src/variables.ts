import type { z } from 'zod';
import { LOG_LEVELS } from '@conduct/logging';
import { ageBands, allocationRoutes, deadlineOverrides, earlyInterventionRules, existingFile, hostAndPort, hostNames, investigatorForceSettings, json, panelRules, oneOf, origins, payloadKeys, pemFile, pemPublicKey, text, trustProxy, url, wholeNumber } from './parsers';
import { variable } from './types';

export const ENVIRONMENTS = ['development', 'test', 'production'] as const;
export const TEMPORAL_LOG_LEVELS = ['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR'] as const;
/** The algorithms a force's public key may sign with (jose's names). */
export const TOKEN_ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'] as const;
export const ON_OFF = ['on', 'off'] as const;

const SERVICES_ON_POSTGRES = ['api', 'worker', 'migrate', 'dispatcher'] as const;
const SERVICES_ON_TEMPORAL = ['api', 'worker'] as const;
const OUTBOX = ['worker', 'dispatcher'] as const;

/**
 * Every environment variable the engine reads, declared once: its type (the parser its text goes through), its
 * default, what it means and who reads it. Each service checks its own at start (`checkConfig`) and then reads its
 * values through `setting`; the README's configuration table is printed from this list (`configurationTable`).
 * An empty value counts as unset.
 */
export const VARIABLES = {
  NODE_ENV: variable({ type: oneOf(ENVIRONMENTS), default: 'development', meaning: '`production`: every variable marked *required in production* must be set, and a token verifier and the payload keys are never left to the embedded default; anything else keeps `npm start`\'s embedded defaults', readBy: [...SERVICES_ON_POSTGRES] }),

  DATABASE_URL: variable({ type: url(['postgres', 'postgresql']), shownDefault: 'set by `npm start` (embedded PostgreSQL)', meaning: 'The PostgreSQL database (`postgres://user:password@host:port/db`)', readBy: [...SERVICES_ON_POSTGRES], required: 'always', secret: true }),
  DATABASE_POOL_SIZE: variable({ type: wholeNumber(1, 1000), default: 10, meaning: 'Connections each process keeps to PostgreSQL at most', readBy: [...SERVICES_ON_POSTGRES] }),

  TEMPORAL_ADDRESS: variable({ type: hostAndPort, default: 'localhost:7233', shownDefault: '`localhost:7233` (`npm start`: its embedded dev server)', meaning: 'The Temporal frontend (`host:port`)', readBy: [...SERVICES_ON_TEMPORAL], required: 'production' }),
  TEMPORAL_NAMESPACE: variable({ type: text, default: 'default', meaning: 'The Temporal namespace', readBy: [...SERVICES_ON_TEMPORAL] }),
  TEMPORAL_TASK_QUEUE: variable({ type: text, default: 'misconduct-proceedings', meaning: 'The task queue the worker polls and the API starts workflows on', readBy: [...SERVICES_ON_TEMPORAL] }),
  TEMPORAL_WORKFLOW_TASK_TIMEOUT_MS: variable({ type: wholeNumber(1_000, 120_000), default: 5_000, meaning: "How long Temporal waits for a worker's workflow task before handing it to another worker (Temporal's own default is 10 s): what a worker killed mid-task delays, set on workflows started from then on", readBy: [...SERVICES_ON_TEMPORAL] }),
  // Temporal over TLS (a cluster behind TLS, mTLS, Temporal Cloud): built into one connection by libs/temporal's temporalConnectionOptions.
  TEMPORAL_TLS: variable({ type: oneOf(ON_OFF), shownDefault: '`on` when any of `TEMPORAL_TLS_CA_FILE`, `TEMPORAL_TLS_SERVER_NAME`, `TEMPORAL_TLS_CERT_FILE`, `TEMPORAL_TLS_KEY_FILE`, `TEMPORAL_API_KEY` is set, else `off`', meaning: "TLS to the Temporal frontend. `off` with any of those set is refused (a client certificate or an API key is never sent in clear)", readBy: [...SERVICES_ON_TEMPORAL] }),
  TEMPORAL_TLS_CA_FILE: variable({ type: pemFile, shownDefault: "the system's trusted roots (enough for Temporal Cloud)", meaning: "A PEM file of the CA(s) the frontend's certificate is checked against (a cluster with its own CA); read at start", readBy: [...SERVICES_ON_TEMPORAL] }),
  TEMPORAL_TLS_SERVER_NAME: variable({ type: text, shownDefault: "the host of `TEMPORAL_ADDRESS`", meaning: "The name the frontend's certificate must carry, when it is not the address's host (behind a load balancer, or by IP)", readBy: [...SERVICES_ON_TEMPORAL] }),
  TEMPORAL_TLS_CERT_FILE: variable({ type: pemFile, shownDefault: 'none (no client certificate)', meaning: "mTLS: the PEM client certificate (chain) the engine presents, with `TEMPORAL_TLS_KEY_FILE`; read at start", readBy: [...SERVICES_ON_TEMPORAL] }),
  TEMPORAL_TLS_KEY_FILE: variable({ type: pemFile, shownDefault: 'none', meaning: "mTLS: the PEM private key of `TEMPORAL_TLS_CERT_FILE` (both or neither); read at start, never logged", readBy: [...SERVICES_ON_TEMPORAL] }),
  TEMPORAL_API_KEY: variable({ type: text, shownDefault: 'none', meaning: "Temporal Cloud: an API key, sent as a bearer token on every call to Temporal (over TLS only)", readBy: [...SERVICES_ON_TEMPORAL], secret: true }),
  PAYLOAD_ENCRYPTION_KEYS: variable({ type: payloadKeys, shownDefault: '`npm start`: a key in the data folder', meaning: 'JSON `{"<id>": "<32 bytes base64>"}`: everything stored in Temporal is AES-256-GCM encrypted; add a key and switch the id to rotate', readBy: [...SERVICES_ON_TEMPORAL], required: 'production', secret: true }),
  PAYLOAD_ENCRYPTION_KEY_ID: variable({ type: text, shownDefault: 'the last key', meaning: 'The id of the key new payloads are sealed with (one of `PAYLOAD_ENCRYPTION_KEYS`)', readBy: [...SERVICES_ON_TEMPORAL] }),

  AUTH_JWKS_URL: variable({ type: url(['https', 'http']), meaning: "A force's identity provider's JWKS: bearer tokens are verified against its keys", readBy: ['api'] }),
  AUTH_PUBLIC_KEY: variable({ type: pemPublicKey, meaning: 'Or: the PEM public key bearer tokens are signed for', readBy: ['api'] }),
  AUTH_ALGORITHM: variable({ type: oneOf(TOKEN_ALGORITHMS), default: 'RS256', meaning: "`AUTH_PUBLIC_KEY`'s algorithm", readBy: ['api'] }),
  AUTH_JWT_SECRET: variable({ type: text, shownDefault: '`npm start`: a secret in the data folder', meaning: 'Or: a shared HS256 secret (at least 32 characters in production); `npm run token` signs with it', readBy: ['api', 'npm start'], secret: true }),
  AUTH_ISSUER: variable({ type: text, shownDefault: 'not checked', meaning: "The tokens' issuer (`iss`), checked when set", readBy: ['api'] }),
  AUTH_AUDIENCE: variable({ type: text, default: 'conduct-engine', meaning: "The tokens' audience (`aud`)", readBy: ['api', 'npm start'] }),
  AUTH_OIDC_ISSUER: variable({ type: url(['https', 'http']), shownDefault: 'none (the development sign-in)', meaning: "The web interface's OpenID Connect provider (its issuer, whose `/.well-known/openid-configuration` gives the rest): people sign in there with the authorization-code flow and PKCE, and its ID token must carry `role` and `force` (and `forces` for oversight) as the bearer tokens do. Plain `http` only on a loopback address", readBy: ['api'] }),
  AUTH_PLAIN_HTTP_HOSTS: variable({ type: hostNames, shownDefault: 'none (plain http only to this machine)', meaning: "Host names besides this machine's at which the api may reach its identity provider (`AUTH_OIDC_ISSUER`) by plain http: for a local trial's provider on the compose network only (`identity`, deploy/trial-identity), never a force's provider", readBy: ['api'] }),
  AUTH_OIDC_CLIENT_ID: variable({ type: text, meaning: 'The web interface\'s client id at `AUTH_OIDC_ISSUER`', readBy: ['api'] }),
  AUTH_OIDC_CLIENT_SECRET: variable({ type: text, shownDefault: 'none (a public client)', meaning: 'Its client secret (`client_secret_basic`)', readBy: ['api'], secret: true }),
  AUTH_OIDC_REDIRECT_URL: variable({ type: url(['https', 'http']), meaning: "Where the provider sends people back after signing in (the interface's callback, as registered with the provider)", readBy: ['api'] }),
  AUTH_OIDC_POST_LOGOUT_REDIRECT_URL: variable({ type: url(['https', 'http']), shownDefault: "the provider's own page", meaning: 'Where the provider sends people after signing out (as registered with the provider)', readBy: ['api'] }),
  AUTH_OIDC_SCOPE: variable({ type: text, default: 'openid profile', meaning: 'The scopes asked for at sign-in (`openid` and whatever the provider needs to put `role` and `force` in the ID token)', readBy: ['api'] }),

  PORT: variable({ type: wholeNumber(1, 65_535), default: 3000, meaning: "The API's port (`npm start` also takes the next three from their own variables)", readBy: ['api', 'npm start'] }),
  HOST: variable({ type: text, default: '127.0.0.1', meaning: 'The address the API listens on (`0.0.0.0` in a container)', readBy: ['api'] }),
  API_TEMPORAL_TIMEOUT_MS: variable({ type: wholeNumber(100), default: 10_000, meaning: "The API's deadline for its calls to Temporal in one request (an update, a start, a query); past it, 504", readBy: ['api'] }),
  API_TRUST_PROXY: variable({ type: trustProxy, shownDefault: 'none', meaning: "The proxies in front of the API (a count, or addresses: `loopback`, `10.0.0.0/8`): the client's address for the rate limits is then taken from `X-Forwarded-For`", readBy: ['api'] }),
  RATE_LIMIT_WINDOW_MS: variable({ type: wholeNumber(1_000), default: 60_000, meaning: 'The window the rate limits count requests in, per client address and API process', readBy: ['api'] }),
  RATE_LIMIT_PUBLIC: variable({ type: wholeNumber(1), default: 600, meaning: 'Requests per window to what answers without a token (`/health`, `/health/live`, `/rules`, `/docs`, `/docs-json`, `/metrics`); then 429 with `Retry-After`', readBy: ['api'] }),
  RATE_LIMIT_TOKENLESS: variable({ type: wholeNumber(1), default: 120, meaning: 'Requests per window without a bearer token to anything else, or with one that fails the check (each a 401); then 429 with `Retry-After`. A valid token is never counted nor refused', readBy: ['api'] }),
  TEMPORAL_UI_ORIGINS: variable({ type: origins, default: ['http://localhost:8233', 'http://127.0.0.1:8233'], meaning: 'Origins allowed to call the codec endpoint from a browser (comma-separated)', readBy: ['api'] }),
  METRICS_ENABLED: variable({ type: oneOf(ON_OFF), default: 'on', meaning: "`off`: no `GET /metrics` (Prometheus text: HTTP latency and status by route, the outbox's depth and age, dead letters, deadlines missed); on, it answers without a token and is rate-limited as a public endpoint", readBy: ['api'] }),
  OTEL_EXPORTER_OTLP_ENDPOINT: variable({ type: url(['http', 'https']), shownDefault: 'none: no traces (no tracing SDK is started)', meaning: "An OpenTelemetry collector's OTLP/HTTP endpoint (`http://collector:4318`; spans are POSTed to `<endpoint>/v1/traces`): each HTTP request, its Temporal update or start, the workflow's handling of it and the activities it ran are one trace. Span names and attributes carry route templates, workflow and activity types and ids, never a payload", readBy: [...SERVICES_ON_TEMPORAL] }),
  OTEL_SERVICE_NAME: variable({ type: text, shownDefault: '`conduct-api`, `conduct-worker`', meaning: "The `service.name` the traces' spans carry", readBy: [...SERVICES_ON_TEMPORAL] }),
  REQUEST_LOG: variable({ type: oneOf(ON_OFF), default: 'on', meaning: '`off`: no line per request', readBy: ['api'] }),
  LOG_LEVEL: variable({ type: oneOf(LOG_LEVELS), shownDefault: '`info` (the API: `warn`)', meaning: "The least level Nest's logs are written at", readBy: ['api', 'worker'] }),

  TEMPORAL_LOG_LEVEL: variable({ type: oneOf(TEMPORAL_LOG_LEVELS), default: 'WARN', meaning: "The least level the Temporal SDK's logs (and its core's) are written at", readBy: ['worker'] }),
  WORKER_METRICS_ADDRESS: variable({ type: hostAndPort, shownDefault: 'none (no metrics endpoint)', meaning: "`host:port` where the worker serves the Temporal SDK's own Prometheus metrics (task slots, poll and schedule-to-start latencies, sticky cache) at `/metrics`; off unless set, so parallel stacks on one machine never clash on a port (`0.0.0.0:9464` in a container)", readBy: ['worker'] }),
  WORKFLOW_BUNDLE_PATH: variable({ type: existingFile, shownDefault: 'none: the workflows are bundled from source at start (`npm start`)', meaning: "The prebuilt workflow bundle `npm run build` writes (`dist/workflow-bundle.js`; the image sets it): the worker loads it instead of bundling at start, so every replica runs the same code and starts in seconds", readBy: ['worker'] }),
  WORKER_MAX_CACHED_WORKFLOWS: variable({ type: wholeNumber(0), default: 1000, meaning: 'Workflows the worker keeps in memory between their tasks (others are replayed from history when they next act)', readBy: ['worker'] }),
  WORKER_STICKY_QUEUE_TIMEOUT_MS: variable({ type: wholeNumber(0), default: 3000, meaning: 'How long a workflow task waits for the worker that has the workflow cached before any worker may take it: a killed worker\'s timers wait this long (the SDK\'s default is 10 s)', readBy: ['worker'] }),
  PANEL_RULES: variable({ type: panelRules, default: {}, shownDefault: '`{}` (panels follow the matter\'s rule set)', meaning: 'JSON: the unconfirmed panel rules: `keyedOn` (`matter-rule-set` or `notice-of-referral`: which date decides the rule set of a panel, SI 2024/521\'s transitional provision [U]) and `compositions` (per rule set and form, the [S]/[U] chair roles and members; a [C] one is refused)', readBy: ['api'] }),
  ALLOCATION_ROUTES: variable({ type: allocationRoutes, default: {}, shownDefault: '`{}` (every matter in its force\'s general queue)', meaning: 'JSON: per force, the specialist queues matters go to when an allegation falls in one of their IOPC complaint categories (`{"<force>": [{"queue": "sexual-misconduct-unit", "categories": ["E1", "F1", "F2", "F3"]}]}`); the first that matches wins, and a matter once routed stays routed', readBy: ['worker'] }),
  EARLY_INTERVENTION_RULES: variable({ type: earlyInterventionRules, default: {}, shownDefault: '`{}` (every force: the default rules)', meaning: 'JSON: per force, its own early-intervention rules in place of the defaults (`[{"id", "kind": "allegations-within" | "repeated-concern" | "allegation-while-warning-live", "words", ...}]`, libs/domain/src/early-intervention.ts); a flag advises, it never decides', readBy: ['api'] }),
  HOME_OFFICE_AGE_BANDS: variable({ type: ageBands, shownDefault: '`under-26`, `26-35`, `36-45`, `46-55`, `56-and-over` ([U]: the Home Office\'s own bands were not read)', meaning: 'JSON: the age bands of the Home Office\'s misconduct return in place of the defaults (`[{"code", "from", "to"}, ...]`, whole years, from 0 without a gap, the last `"to": null`; libs/domain/src/characteristics.ts; unset, `ageBandOn` uses AGE_BANDS)', readBy: ['api'] }),
  INVESTIGATOR_FORCE_SETTINGS: variable({ type: investigatorForceSettings, default: {}, shownDefault: '`{}`', meaning: 'JSON: per force, `{"refuseInvestigatorFromSubjectsUnit": true}` refuses an investigator from a subject\'s own unit', readBy: ['api'] }),
  DEADLINE_OVERRIDES: variable({ type: deadlineOverrides, default: {}, shownDefault: '`{}`', meaning: 'JSON: new lengths for [S]/[U] deadline rules', readBy: ['api', 'worker', 'npm start'] }),
  REMINDER_WORKING_DAYS: variable({ type: wholeNumber(0, 60), default: 2, meaning: 'Working days before a deadline that the reminder is queued', readBy: ['worker'] }),
  BACKDATED_DEADLINE_GRACE_HOURS: variable({ type: wholeNumber(0, 720), shownDefault: '24 (the rules\' figure, [U])', meaning: 'How long a deadline set already past (its step back-dated) is held before it reminds or escalates, so the steps typed in the same sitting settle it first', readBy: ['worker'] }),

  OUTBOX_DISPATCHER: variable({ type: oneOf(ON_OFF), default: 'on', meaning: '`off`: run the worker without its dispatcher', readBy: ['worker'] }),
  NOTIFICATION_ROUTES: variable({ type: json, shownDefault: '`{}` (nothing routed)', meaning: 'JSON: force → role → route; see *Outgoing messages*', readBy: [...OUTBOX] }),
  SMTP_URL: variable({ type: url(['smtp', 'smtps']), shownDefault: 'none', meaning: 'The SMTP server for e-mail routes', readBy: [...OUTBOX], secret: true }),
  NOTIFICATION_FROM: variable({ type: text, default: 'conduct-engine@localhost', meaning: "E-mails' sender", readBy: [...OUTBOX] }),
  NOTIFICATION_WEBHOOK_SECRET: variable({ type: text, shownDefault: 'none', meaning: 'HMAC-SHA256 key for webhook routes without their own `secret`', readBy: [...OUTBOX], secret: true }),
  NOTIFICATION_TIMEOUT_MS: variable({ type: wholeNumber(1), default: 10_000, meaning: 'Per send', readBy: [...OUTBOX] }),
  OUTBOX_MAX_ATTEMPTS: variable({ type: wholeNumber(1), default: 12, meaning: 'Then the message is dead-lettered', readBy: [...OUTBOX] }),
  OUTBOX_BACKOFF_BASE_MS: variable({ type: wholeNumber(1), default: 5000, meaning: 'Exponential back-off with jitter between attempts: the first wait', readBy: [...OUTBOX] }),
  OUTBOX_BACKOFF_MAX_MS: variable({ type: wholeNumber(1), default: 3_600_000, meaning: 'The longest wait between attempts', readBy: [...OUTBOX] }),
  OUTBOX_LEASE_MS: variable({ type: wholeNumber(1), default: 60_000, meaning: "How long a claim lasts; a dead dispatcher's claims lapse after it (keep it above the timeout)", readBy: [...OUTBOX] }),
  OUTBOX_POLL_MS: variable({ type: wholeNumber(1), default: 1000, meaning: 'How often the outbox is polled', readBy: [...OUTBOX] }),
  OUTBOX_BATCH_SIZE: variable({ type: wholeNumber(1), default: 10, meaning: 'Messages claimed at once', readBy: [...OUTBOX] }),
  OUTBOX_UNROUTED_RECHECK_MS: variable({ type: wholeNumber(1), default: 300_000, meaning: 'How soon a message with no route is looked at again', readBy: [...OUTBOX] }),
  OUTBOX_OVERDUE_SWEEP_MS: variable({ type: wholeNumber(1), default: 60_000, meaning: 'How often overdue list reports are escalated and the escalation policy applied', readBy: [...OUTBOX] }),
  ESCALATION_POLICY: variable({ type: json, shownDefault: 'none', meaning: 'JSON: per force, extra reminders and the escalation chain; see *Outgoing messages*', readBy: [...OUTBOX] }),

  // `npm start`'s own (tools/): read by its launcher, before any service starts.
  CONDUCT_DATA_DIR: variable({ type: text, default: '.data', meaning: "Where `npm start` keeps PostgreSQL's and Temporal's data", readBy: ['npm start'] }),
  CONDUCT_CACHE_DIR: variable({ type: text, shownDefault: '`~/.cache/conduct-engine`', meaning: 'Where Node.js 24 and the Temporal binaries are cached (shared by clones)', readBy: ['npm start'] }),
  CONDUCT_NODE_PATH: variable({ type: text, shownDefault: 'a Node ≥ 22 running or first on PATH, else the pinned Node.js 24', meaning: 'The `node` that `npm start`, `npm test` and the other scripts run the engine on, used as it is', readBy: ['npm start'] }),
  CONDUCT_DEFAULT_FORCE: variable({ type: text, default: 'demo-force', meaning: 'The force `npm start` and `npm run token` sign tokens for', readBy: ['npm start'] }),
  CONDUCT_API_URL: variable({ type: url(['http', 'https']), shownDefault: '`http://localhost:<PORT>`', meaning: 'The API `npm run import` sends its file to', readBy: ['npm start'] }),
  CONDUCT_TOKEN: variable({ type: text, shownDefault: 'one signed with the embedded secret', meaning: 'The bearer token `npm run import` sends (a case officer or administrator of the force)', readBy: ['npm start'], secret: true }),
  TEMPORAL_CLI_PATH: variable({ type: text, shownDefault: 'found or installed', meaning: 'Use this Temporal CLI (the dev server)', readBy: ['npm start'] }),
  TEMPORAL_TEST_SERVER_PATH: variable({ type: text, shownDefault: 'found or installed', meaning: "Use this time-skipping test server (`npm test`)", readBy: ['npm start'] }),
  CONDUCT_CHROMIUM_PATH: variable({ type: text, shownDefault: 'found on PATH, or installed (`apt-get install chromium`, as root on Debian)', meaning: "The Chromium the browser tests (`npm test`) drive with playwright-core", readBy: ['npm start'] }),
  TEMPORAL_SERVER_PATH: variable({ type: text, shownDefault: 'built once from the Go module proxy into the cache', meaning: "Use this Temporal server binary (go.temporal.io/server, on PostgreSQL) for the production-profile suite and `bench/temporal-on-postgres.ts`, with `sql` and `schema/` beside it", readBy: ['npm start'] }),
  TEMPORAL_SQL_TOOL_PATH: variable({ type: text, shownDefault: '`sql` beside `TEMPORAL_SERVER_PATH`', meaning: "Use this temporal-sql-tool to create and upgrade the server's schema", readBy: ['npm start'] }),
  TEMPORAL_SCHEMA_DIR: variable({ type: text, shownDefault: '`schema/` beside the server, or the Go module cache\'s', meaning: "Temporal's schema files (`postgresql/v12/...`) for the SQL tool", readBy: ['npm start'] }),
  TEMPORAL_PORT: variable({ type: wholeNumber(1, 65_535), default: 7233, meaning: "The embedded Temporal dev server's port", readBy: ['npm start'] }),
  TEMPORAL_UI_PORT: variable({ type: wholeNumber(1, 65_535), default: 8233, meaning: "The embedded Temporal Web UI's port", readBy: ['npm start'] }),
  POSTGRES_PORT: variable({ type: wholeNumber(1, 65_535), default: 5433, meaning: "The embedded PostgreSQL's port", readBy: ['npm start'] }),
  CONDUCT_POSTGRES_CACHE_DIR: variable({ type: text, default: '/var/tmp/conduct-engine-cache', meaning: "Run as root, embedded PostgreSQL runs as the user `postgres` (created if missing; PostgreSQL refuses root). When that user cannot reach the clone (under a folder only its owner may enter, as `/root` or `mktemp -d` are), the binaries are copied here once per package version, and a data folder it cannot reach keeps its cluster here, with a symlink at the data folder. Must be ours and writable by no one else; nothing above it is chmodded. A deleted clone's cluster stays there until removed by hand", readBy: ['npm start'] }),
  TEMPORAL_SQLITE_PRAGMAS: variable({ type: text, default: 'journal_mode=wal,synchronous=normal', meaning: "The embedded dev server's SQLite pragmas (`none`: SQLite's defaults)", readBy: ['npm start'] }),
  TEMPORAL_DEV_DYNAMIC_CONFIG: variable({ type: text, shownDefault: 'none', meaning: "The embedded dev server's extra dynamic config (`key=value,…`)", readBy: ['npm start'] }),
};

export type VariableName = keyof typeof VARIABLES;
type Declared<N extends VariableName> = (typeof VARIABLES)[N];
/** A variable's value: its parser's output; `undefined` when it has no default and is unset. */
export type ValueOf<N extends VariableName> = z.output<Declared<N>['type']> | (Declared<N> extends { default: unknown } ? never : undefined);
