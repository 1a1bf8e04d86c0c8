import * as fs from 'fs';
import * as path from 'path';
import { Worker } from '@temporalio/worker';
import { workflowSpanSink } from '@conduct/temporal/worker';

/**
 * Today's workflow code must replay the recorded histories of every route: a change that would break
 * the matters already running fails here, before it is deployed. Until the first release nothing is
 * running, so a deliberate change re-records them (`RECORD_HISTORIES=1 npm test -- --selectProjects
 * workflows`); after it, a deliberate change goes behind `patched()` or worker versioning instead.
 */
const dir = path.join(__dirname, 'histories');
const files = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('.json')).sort() : [];

describe('replaying recorded histories', () => {
  it('has histories recorded for the matter, subject and recommendation workflows', () => {
    const kinds = new Set(files.map((f) => f.replace(/^.*-(\w+)\.json$/, '$1')));
    expect([...kinds].sort()).toEqual(['matter', 'recommendation', 'subject']);
  });

  it('replays every recorded history with today’s code without a determinism error', async () => {
    const histories = files.map((f) => ({ workflowId: f, history: JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')) }));
    const failures: string[] = [];
    for await (const result of Worker.runReplayHistories({ workflowBundle: { codePath: process.env.WORKFLOW_TEST_BUNDLE_PATH! }, sinks: workflowSpanSink(undefined) }, histories)) {
      if (result.error) failures.push(`${result.workflowId}: ${result.error.message}`);
    }
    expect(failures).toEqual([]);
    expect(histories.length).toBeGreaterThan(20);
  });
});
