/**
 * Throwaway certificates for running Temporal over mTLS on this machine (the production-profile suite): a CA, a
 * server certificate for 127.0.0.1 / localhost, and a client certificate, all signed by the CA, made with the
 * openssl CLI (Node's crypto makes keys but cannot sign X.509). Valid for a day; never for anything real.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

export interface Certificates {
  caFile: string;
  serverCertFile: string;
  serverKeyFile: string;
  clientCertFile: string;
  clientKeyFile: string;
  /** The name the server's certificate carries besides 127.0.0.1 (its DNS name). */
  serverName: string;
}

/** openssl, or a message that says how to get it. */
function openssl(args: string[], cwd: string): void {
  try {
    execFileSync('openssl', args, { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw new Error('openssl is not on PATH (apt-get install openssl): it makes the throwaway certificates for Temporal over mTLS');
    throw new Error(`openssl ${args[0]} failed: ${String((err as { stderr?: Buffer }).stderr ?? '').trim()}`);
  }
}

export function makeThrowawayCertificates(dir: string, serverName = 'temporal.test'): Certificates {
  fs.mkdirSync(dir, { recursive: true });
  const key = (name: string) => openssl(['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', name], dir);
  key('ca.key');
  openssl(['req', '-x509', '-new', '-key', 'ca.key', '-sha256', '-days', '1', '-subj', '/CN=conduct-engine throwaway test CA', '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign', '-out', 'ca.pem'], dir);
  const leaf = (name: string, cn: string, ext: string) => {
    key(`${name}.key`);
    openssl(['req', '-new', '-key', `${name}.key`, '-subj', `/CN=${cn}`, '-out', `${name}.csr`], dir);
    fs.writeFileSync(path.join(dir, `${name}.ext`), ext);
    openssl(['x509', '-req', '-in', `${name}.csr`, '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-days', '1', '-sha256', '-extfile', `${name}.ext`, '-out', `${name}.pem`], dir);
  };
  leaf('server', serverName, `basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth,clientAuth\nsubjectAltName=DNS:${serverName},DNS:localhost,IP:127.0.0.1\n`);
  leaf('client', 'conduct-engine', 'basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature,keyEncipherment\nextendedKeyUsage=clientAuth\n');
  const at = (f: string) => path.join(dir, f);
  return { caFile: at('ca.pem'), serverCertFile: at('server.pem'), serverKeyFile: at('server.key'), clientCertFile: at('client.pem'), clientKeyFile: at('client.key'), serverName };
}

/** The engine's variables for connecting with the client certificate (what an operator would set). */
export function mtlsEnv(c: Certificates): Record<string, string> {
  return { TEMPORAL_TLS: 'on', TEMPORAL_TLS_CA_FILE: c.caFile, TEMPORAL_TLS_SERVER_NAME: c.serverName, TEMPORAL_TLS_CERT_FILE: c.clientCertFile, TEMPORAL_TLS_KEY_FILE: c.clientKeyFile };
}
