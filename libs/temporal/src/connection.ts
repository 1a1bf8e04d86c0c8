import * as fs from 'fs';
import type { TLSConfig } from '@temporalio/common/lib/internal-non-workflow';
import { VariableName, setting, temporalTlsOn } from '@conduct/config';

/**
 * How the engine reaches Temporal: the options both the API's `Connection` and the worker's `NativeConnection` are
 * given, built once from the variables (TEMPORAL_ADDRESS, TEMPORAL_TLS*, TEMPORAL_API_KEY), so the two never differ.
 * `tls: false` is plain gRPC (the embedded dev server, a cluster on a private network).
 */
export interface TemporalConnectionOptions {
  address: string;
  tls: TLSConfig | false;
  /** Temporal Cloud's API key, sent as `Authorization: Bearer`; only ever with TLS (checkConfig refuses it without). */
  apiKey?: string;
}

/** A certificate or key file's bytes, read at start (checkConfig has found it readable); a failure names the variable. */
function pem(name: VariableName, env: NodeJS.ProcessEnv): Buffer | undefined {
  const file = setting(name, env) as string | undefined;
  if (file === undefined) return undefined;
  try {
    return fs.readFileSync(file);
  } catch (e) {
    throw new Error(`${name}: cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
}

export function temporalConnectionOptions(env: NodeJS.ProcessEnv = process.env): TemporalConnectionOptions {
  const address = setting('TEMPORAL_ADDRESS', env);
  const apiKey = setting('TEMPORAL_API_KEY', env);
  if (!temporalTlsOn(env)) {
    if (apiKey !== undefined) throw new Error('TEMPORAL_API_KEY: an API key is never sent in clear: TEMPORAL_TLS is off');
    return { address, tls: false };
  }
  const tls: TLSConfig = {};
  const serverName = setting('TEMPORAL_TLS_SERVER_NAME', env);
  if (serverName !== undefined) tls.serverNameOverride = serverName;
  const ca = pem('TEMPORAL_TLS_CA_FILE', env);
  if (ca) tls.serverRootCACertificate = ca;
  const crt = pem('TEMPORAL_TLS_CERT_FILE', env);
  const key = pem('TEMPORAL_TLS_KEY_FILE', env);
  if (crt && key) tls.clientCertPair = { crt, key };
  else if (crt || key) throw new Error(`${crt ? 'TEMPORAL_TLS_KEY_FILE' : 'TEMPORAL_TLS_CERT_FILE'}: mTLS needs the client certificate and its key together`);
  return { address, tls, ...(apiKey !== undefined ? { apiKey } : {}) };
}

/** What a log line may say about the connection: how it is secured, never a key or a certificate. */
export function connectionSecurity(o: TemporalConnectionOptions): 'plain' | 'TLS' | 'mTLS' | 'TLS with an API key' | 'mTLS with an API key' {
  if (!o.tls) return 'plain';
  const base = o.tls.clientCertPair ? 'mTLS' : 'TLS';
  return o.apiKey ? `${base} with an API key` : base;
}
