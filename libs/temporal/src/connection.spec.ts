import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { connectionSecurity, temporalConnectionOptions } from './connection';

describe("the connection to Temporal, as the API's and the worker's are built", () => {
  let dir: string;
  const file = (name: string, body: string) => {
    const p = path.join(dir, name);
    fs.writeFileSync(p, body);
    return p;
  };
  let ca: string, crt: string, key: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'temporal-tls-'));
    ca = file('ca.pem', '-----BEGIN CERTIFICATE-----\nthe CA\n-----END CERTIFICATE-----\n');
    crt = file('client.pem', '-----BEGIN CERTIFICATE-----\nthe client\n-----END CERTIFICATE-----\n');
    key = file('client.key', '-----BEGIN PRIVATE KEY-----\nits key\n-----END PRIVATE KEY-----\n');
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('is plain gRPC to the address when nothing asks for TLS (npm start, a cluster on a private network)', () => {
    expect(temporalConnectionOptions({})).toEqual({ address: 'localhost:7233', tls: false });
    expect(temporalConnectionOptions({ TEMPORAL_ADDRESS: 'temporal:7233', TEMPORAL_TLS: 'off' })).toEqual({ address: 'temporal:7233', tls: false });
    expect(connectionSecurity(temporalConnectionOptions({}))).toBe('plain');
  });

  it("to a cluster with its own CA and mTLS, presents the client certificate and checks the server's against the CA, under the name given", () => {
    const o = temporalConnectionOptions({ TEMPORAL_ADDRESS: '10.0.0.7:7233', TEMPORAL_TLS_CA_FILE: ca, TEMPORAL_TLS_SERVER_NAME: 'temporal.force.internal', TEMPORAL_TLS_CERT_FILE: crt, TEMPORAL_TLS_KEY_FILE: key });
    expect(o.address).toBe('10.0.0.7:7233');
    expect(o.tls).toEqual({ serverNameOverride: 'temporal.force.internal', serverRootCACertificate: fs.readFileSync(ca), clientCertPair: { crt: fs.readFileSync(crt), key: fs.readFileSync(key) } });
    expect(o.apiKey).toBeUndefined();
    expect(connectionSecurity(o)).toBe('mTLS');
  });

  it("to Temporal Cloud with an API key, uses TLS with the system's roots and sends the key", () => {
    const o = temporalConnectionOptions({ TEMPORAL_ADDRESS: 'eu-west-2.aws.api.temporal.io:7233', TEMPORAL_NAMESPACE: 'force.a1b2c', TEMPORAL_API_KEY: 'the-cloud-key' });
    expect(o).toEqual({ address: 'eu-west-2.aws.api.temporal.io:7233', tls: {}, apiKey: 'the-cloud-key' });
    expect(connectionSecurity(o)).toBe('TLS with an API key');
    expect(JSON.stringify(connectionSecurity(o))).not.toContain('the-cloud-key');
    expect(temporalConnectionOptions({ TEMPORAL_TLS: 'on' })).toEqual({ address: 'localhost:7233', tls: {} });
  });

  it('never sends an API key in clear, and takes a client certificate only with its key', () => {
    expect(() => temporalConnectionOptions({ TEMPORAL_TLS: 'off', TEMPORAL_API_KEY: 'the-cloud-key' })).toThrow(/^TEMPORAL_API_KEY: an API key is never sent in clear/);
    expect(() => temporalConnectionOptions({ TEMPORAL_TLS_CERT_FILE: crt })).toThrow(/^TEMPORAL_TLS_KEY_FILE: mTLS needs the client certificate and its key together/);
    expect(() => temporalConnectionOptions({ TEMPORAL_TLS_KEY_FILE: key })).toThrow(/^TEMPORAL_TLS_CERT_FILE: /);
    expect(() => temporalConnectionOptions({ TEMPORAL_TLS_CA_FILE: path.join(dir, 'missing.pem') })).toThrow(/^TEMPORAL_TLS_CA_FILE: expected a readable file/);
  });
});
