import { londonDateOf, addCalendarDays } from '@conduct/domain';
import { extendRecommendationDeadline, recommendationState, recordRecommendationPublished, recordRecommendationResponse } from '@conduct/workflows';
import { freshHarnessPerTest, newReference } from '../../test/support/workflow-harness';

const h = freshHarnessPerTest();

const IOPC = { id: 'iopc', role: 'oversight' as const };
const AA = { id: 'aa', role: 'appropriate-authority' as const };
const at = async () => new Date(await h.env.currentTimeMs()).toISOString();

describe('an IOPC recommendation (Sch3 paras 28A/28B)', () => {
  it('is reminded before its 56-day response falls due, escalated when it passes, extended on application, then answered and published within 21 days', async () => {
    const reference = newReference('rec');
    const madeOn = londonDateOf(await h.env.currentTimeMs());
    const handle = await h.startRecommendation({ reference, matterReference: 'M-1', forceId: 'f', recipient: 'Chief Constable', madeOn, text: 'Review cordon training', madeBy: IOPC });
    await h.env.sleep('1 second');
    let r = await handle.query(recommendationState);
    expect(r.deadlines[0]).toMatchObject({ ruleId: 'recommendationResponse', dueDate: addCalendarDays(madeOn, 56) });
    await h.env.sleep('58 days');
    r = await handle.query(recommendationState);
    expect(r.deadlines[0].status).toBe('missed');
    const outbox = await h.db.query(`SELECT purpose, recipient FROM outbox_message WHERE payload->>'recommendation' = $1 ORDER BY id`, [reference]);
    expect(outbox).toEqual([{ purpose: 'reminder', recipient: 'Chief Constable' }, { purpose: 'escalation', recipient: 'appropriate-authority' }]);

    const newDueDate = addCalendarDays(madeOn, 80);
    r = await handle.executeUpdate(extendRecommendationDeadline, { args: [{ key: 'response', newDueDate, reason: 'awaiting the force’s training review', agreedBy: 'IOPC', occurredAt: await at(), actor: IOPC }] });
    expect(r.deadlines[0]).toMatchObject({ status: 'open', dueDate: newDueDate });

    const respondedOn = londonDateOf(await h.env.currentTimeMs());
    r = await handle.executeUpdate(recordRecommendationResponse, { args: [{ accepted: true, summary: 'accepted', occurredAt: await at(), actor: AA }] });
    expect(r.deadlines.find((d) => d.ruleId === 'recommendationPublication')).toMatchObject({ dueDate: addCalendarDays(respondedOn, 21), status: 'open' });
    r = await handle.executeUpdate(recordRecommendationPublished, { args: [{ occurredAt: await at(), actor: IOPC }] });
    expect(r.stage).toBe('published');
    expect(await handle.result()).toMatchObject({ stage: 'published', response: { accepted: true } });
  });
});
