import { InitialSchema1763884800000 } from './1763884800000-initial-schema';
import { StageTransitions1763900000000 } from './1763900000000-stage-transitions';

/** In order. Migrations are listed, not globbed, so a bundled or transpiled build finds the same set. */
export const MIGRATIONS = [InitialSchema1763884800000, StageTransitions1763900000000];
