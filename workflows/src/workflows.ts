/** The workflow functions the worker registers. Bundled for Temporal's sandbox: no I/O may be imported from here. */
export { matter } from './matter.workflow';
export { officerProceedings } from './officer-proceedings.workflow';
export { recommendation } from './recommendation.workflow';
