import { addCalendarDays, londonDateOf } from '@conduct/domain';
import { extendRecommendationDeadline, recommendationState, recordRecommendationPublished, recordRecommendationResponse } from '@conduct/workflows';
import { freshHarnessPerTest, newReference } from '../../test/support/workflow-harness';

const h = freshHarnessPerTest();

const IOPC = { id: 'iopc', role: 'oversight' as const };
const AA = { id: 'aa', role: 'appropriate-authority' as const };
const at = async () => new Date(await h.env.currentTimeMs()).toISOString();
const auditOf = async (reference: string) =>
  ((await h.db.query(`SELECT action FROM audit_entry WHERE details->>'recommendation' = $1 ORDER BY id`, [reference])) as { action: string }[]).map((a) => a.action);

describe("an IOPC recommendation's commands, as the matter's and the subject's are", () => {
  it('a command sent again with the same Idempotency-Key (a new Temporal update) is answered with the view and applied once', async () => {
    const reference = newReference('rec-idem');
    const madeOn = londonDateOf(await h.env.currentTimeMs());
    const handle = await h.startRecommendation({ reference, matterReference: 'M-1', forceId: 'f', recipient: 'Chief Constable', madeOn, text: 'Review cordon training', madeBy: IOPC });
    const response = { accepted: true, summary: 'accepted', occurredAt: await at(), actor: AA, commandId: 'key-response' };
    const first = await handle.executeUpdate(recordRecommendationResponse, { args: [response], updateId: 'update-1' });
    expect(first.stage).toBe('awaiting-publication');
    // Without its key the same response is refused (it was recorded); with it, it is the same answer.
    await expect(handle.executeUpdate(recordRecommendationResponse, { args: [{ ...response, commandId: undefined }], updateId: 'update-2' })).rejects.toMatchObject({ cause: { message: expect.stringMatching(/already been recorded/) } });
    const again = await handle.executeUpdate(recordRecommendationResponse, { args: [response], updateId: 'update-3' });
    expect(again).toEqual(first);
    const published = { occurredAt: await at(), actor: IOPC, commandId: 'key-published' };
    await handle.executeUpdate(recordRecommendationPublished, { args: [published], updateId: 'update-4' });
    expect(await auditOf(reference)).toEqual(['recommendation-made', 'recommendation-response', 'recommendation-published']);
  });

  it('continues as new when its history grows long, carrying its deadlines, its stage and the keys it applied', async () => {
    const reference = newReference('rec-can');
    const madeOn = londonDateOf(await h.env.currentTimeMs());
    const handle = await h.startRecommendation({ reference, matterReference: 'M-1', forceId: 'f', recipient: 'Chief Constable', madeOn, text: 'Review cordon training', madeBy: IOPC, historyLimit: 20 });
    const firstRun = (await handle.describe()).runId;
    for (let i = 1; i <= 6; i++) {
      const newDueDate = addCalendarDays(madeOn, 56 + i);
      await handle.executeUpdate(extendRecommendationDeadline, { args: [{ key: 'response', newDueDate, reason: `application ${i}`, agreedBy: 'IOPC', occurredAt: await at(), actor: IOPC, commandId: `key-extension-${i}` }] });
    }
    await h.env.sleep('1 second');
    const latest = h.env.client.workflow.getHandle(handle.workflowId);
    expect((await latest.describe()).runId).not.toBe(firstRun);
    const view = await latest.query(recommendationState);
    expect(view).toMatchObject({ stage: 'awaiting-response', deadlines: [{ key: 'response', status: 'open', dueDate: addCalendarDays(madeOn, 62) }] });
    expect(view.deadlines[0].extensions).toHaveLength(6);
    // An extension sent again after the new run began is still known as applied.
    const again = await latest.executeUpdate(extendRecommendationDeadline, { args: [{ key: 'response', newDueDate: addCalendarDays(madeOn, 61), reason: 'application 5', agreedBy: 'IOPC', occurredAt: await at(), actor: IOPC, commandId: 'key-extension-5' }] });
    expect(again.deadlines[0].dueDate).toBe(addCalendarDays(madeOn, 62));
    expect((await auditOf(reference)).filter((a) => a === 'deadline-extended')).toHaveLength(6);
  });
});
