import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '../auth/auth.guard';
import { setting } from '@conduct/config';
import { DEADLINE_RULES, DECISION_RULES, EVENT_RULES, resolveDeadlineRules } from '@conduct/domain';

/** The rules in force, with their sources, so a lawyer can check them without reading code. */
@ApiTags('rules')
@Public()
@Controller('rules')
export class RulesController {
  @Get()
  @ApiOperation({ summary: 'Every deadline (length, trigger, regulation, status, any override), decision and event rule in force' })
  rules() {
    const deadlines = resolveDeadlineRules(setting('DEADLINE_OVERRIDES'));
    return {
      deadlines: Object.values(deadlines),
      defaults: Object.values(DEADLINE_RULES).filter((r) => deadlines[r.id] !== r),
      decisions: DECISION_RULES,
      events: EVENT_RULES,
    };
  }
}
