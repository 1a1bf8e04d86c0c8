// Progressive enhancement: the pages work without this; with it, GOV.UK Frontend's and the MOJ components' scripts
// (error summary focus, sortable tables, add another, filter toggles) start.
import { initAll as initGovuk } from '/assets/js/govuk-frontend.min.js';
import { initAll as initMoj } from '/assets/js/moj-frontend.min.js';

initGovuk();
initMoj();
