import { randomUUID } from 'crypto';
import { Connection } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { AA, call, nowIso, today } from '../support/api-client';

/** Subjects' names and dates of birth are encrypted before they reach Temporal's history. */
describe('personal data kept out of Temporal', () => {
  const reference = `PII-${randomUUID().slice(0, 8)}`;
  const name = 'Zebedee Quartermain';
  const dateOfBirth = '1979-02-28';

  it('the raw history on the server holds no subject name or date of birth in plain text, yet the Web UI codec opens it for a signed-in user', async () => {
    const res = await call('POST', '/matters', {
      reference,
      kind: 'conduct-matter',
      forceId: 'e2e-force',
      appropriateAuthority: 'Chief Constable',
      receivedOn: today(),
      subjects: [{ subjectId: 'pc-1', kind: 'police-officer', name, dateOfBirth, warrantNumber: 'PII-1' }],
    });
    expect(res.status).toBe(201);
    for (let i = 0; i < 100 && (await call('GET', `/matters/${reference}`)).body.subjects?.length !== 1; i++) await new Promise((r) => setTimeout(r, 100));
    await call('POST', `/matters/${reference}/subjects/pc-1/decisions`, { decision: 'severity-assessment', severity: 'misconduct', occurredAt: nowIso() }, AA);

    const connection = await Connection.connect({ address: process.env.E2E_TEMPORAL_ADDRESS! });
    try {
      const raw: Buffer[] = [];
      const encodings = new Set<string>();
      for (const workflowId of [`matter-${reference}`, `matter-${reference}-subject-pc-1`]) {
        const { history } = await connection.workflowService.getWorkflowExecutionHistory({ namespace: 'default', execution: { workflowId } });
        raw.push(Buffer.from(temporal.api.history.v1.History.encode(history!).finish()));
        for (const e of history!.events ?? []) {
          for (const p of e.workflowExecutionStartedEventAttributes?.input?.payloads ?? []) encodings.add(Buffer.from(p.metadata?.encoding ?? []).toString());
        }
      }
      const all = Buffer.concat(raw).toString('latin1');
      expect(all).not.toContain('Quartermain');
      expect(all).not.toContain(dateOfBirth);
      expect([...encodings]).toEqual(['binary/encrypted']);

      const { history } = await connection.workflowService.getWorkflowExecutionHistory({ namespace: 'default', execution: { workflowId: `matter-${reference}-subject-pc-1` } });
      const input = history!.events![0].workflowExecutionStartedEventAttributes!.input!.payloads![0];
      const asJson = { metadata: Object.fromEntries(Object.entries(input.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v).toString('base64')])), data: Buffer.from(input.data!).toString('base64') };
      expect((await call('POST', '/codec/decode', { payloads: [asJson] }, null)).status).toBe(401);
      const opened = await call('POST', '/codec/decode', { payloads: [asJson] }, { id: 'admin', role: 'administrator' });
      expect(opened.status).toBe(200);
      expect(Buffer.from(opened.body.payloads[0].data, 'base64').toString()).toContain(name);
    } finally {
      await connection.close();
    }
  });
});
