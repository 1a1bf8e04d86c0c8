import { InitialSchema1763884800000 } from './1763884800000-initial-schema';
import { StageTransitions1763900000000 } from './1763900000000-stage-transitions';
import { OutboxDelivery1763971200000 } from './1763971200000-outbox-delivery';
import { MatterListOrder1764000000000 } from './1764000000000-matter-list-order';
import { DeadlineTwoTimes1764100000000 } from './1764100000000-deadline-two-times';
import { MatterRuleSet1764200000000 } from './1764200000000-matter-rule-set';
import { MatterInvestigator1764300000000 } from './1764300000000-matter-investigator';
import { WebSessions1764400000000 } from './1764400000000-web-sessions';
import { People1764500000000 } from './1764500000000-people';
import { MatterTimeliness1764650000000 } from './1764650000000-matter-timeliness';
import { Allegations1764700000000 } from './1764700000000-allegations';
import { ConfidentialReports1764750000000 } from './1764750000000-confidential-reports';
import { Allocation1764800000000 } from './1764800000000-allocation';
import { PersonCharacteristics1764850000000 } from './1764850000000-person-characteristics';

/** In order. Migrations are listed, not globbed, so a bundled or transpiled build finds the same set. */
export const MIGRATIONS = [InitialSchema1763884800000, StageTransitions1763900000000, OutboxDelivery1763971200000, MatterListOrder1764000000000, DeadlineTwoTimes1764100000000, MatterRuleSet1764200000000, MatterInvestigator1764300000000, WebSessions1764400000000, People1764500000000, MatterTimeliness1764650000000, Allegations1764700000000, ConfidentialReports1764750000000, Allocation1764800000000, PersonCharacteristics1764850000000];
