import { DEFAULT_WORKFLOW_TASK_TIMEOUT_MS, temporalSettings } from './config';

describe('temporalSettings', () => {
  it('hands a dead worker\'s workflow task on after 5 s unless told otherwise', () => {
    expect(temporalSettings({}).workflowTaskTimeoutMs).toBe(DEFAULT_WORKFLOW_TASK_TIMEOUT_MS);
    expect(DEFAULT_WORKFLOW_TASK_TIMEOUT_MS).toBe(5_000);
    expect(temporalSettings({ TEMPORAL_WORKFLOW_TASK_TIMEOUT_MS: '8000' }).workflowTaskTimeoutMs).toBe(8_000);
  });

  it('refuses a timeout Temporal would refuse, naming the variable', () => {
    for (const bad of ['500', '121000', '2.5s', 'soon']) {
      expect(() => temporalSettings({ TEMPORAL_WORKFLOW_TASK_TIMEOUT_MS: bad })).toThrow(/TEMPORAL_WORKFLOW_TASK_TIMEOUT_MS/);
    }
  });
});
