import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '../auth/auth.guard';
import { setting } from '@conduct/config';
import { DEADLINE_RULES, DECISION_RULES, EVENT_RULES, OFFICER_COPY_RULE, RULE_SETS, TIMELINESS_DUTIES, TIMELINESS_PREJUDICE_EXEMPTION, TIMELINESS_START, resolveDeadlineRules } from '@conduct/domain';

/** The rules in force, with their sources, so a lawyer can check them without reading code. */
@ApiTags('rules')
@Public()
@Controller('rules')
export class RulesController {
  @Get()
  @ApiOperation({ summary: 'Every deadline (length, trigger, regulation, status, any override), decision and event rule in force, and the rule sets side by side (in force, source, which cases each governs, what changed)' })
  rules() {
    const deadlines = resolveDeadlineRules(setting('DEADLINE_OVERRIDES'));
    return {
      deadlines: Object.values(deadlines),
      defaults: Object.values(DEADLINE_RULES).filter((r) => deadlines[r.id] !== r),
      decisions: DECISION_RULES,
      events: EVENT_RULES,
      // Oldest first; each with its date, source, transitional rule and what it changed from the one before.
      ruleSets: RULE_SETS,
      // Who reports on an unfinished investigation and to whom, when the first period starts, the prejudice exemption and the officer's copy (CR reg 19; CMR reg 13).
      timeliness: { duties: TIMELINESS_DUTIES, start: TIMELINESS_START, prejudiceExemption: TIMELINESS_PREJUDICE_EXEMPTION, officerCopy: OFFICER_COPY_RULE },
    };
  }
}
