import { Body, Controller, Get, Headers, HttpCode, Param, Post, Put, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { COMMAND_GRANTS } from '@conduct/domain';
import type { User } from '../auth/user';
import { CurrentActor, requireGrant } from '../common/actor';
import { ApiCommandErrors } from '../common/api-errors.decorator';
import { IdentifierPipe } from '../common/pipes';
import { BulkAllocationDto, CaseOfficerDto, InvestigatorAllocationDto, UnallocatedQuery } from './allocation.dto';
import { AllocationService } from './allocation.service';
import { requestIdOf } from '../common/request-log.middleware';


const REFUSED = 'Refused, nothing recorded: `errors` lists each allocation refused with its field (allocations[i].caseOfficer…) and rule: allocation-within-force (someone of another force), allocation-to-known-staff (nobody signed in by that id), workflow-open (a closed matter)';

@ApiTags('allocation')
@ApiBearerAuth('bearer')
@Controller()
export class AllocationController {
  constructor(private readonly allocation: AllocationService) {}

  @Post('allocations')
  @HttpCode(200)
  @ApiOperation({ summary: "Allocate (or reallocate, or with null unallocate) the case officer of many matters or subjects at once: all or none; each change is a line of the matter's audit trail" })
  @ApiCommandErrors()
  @ApiConflictResponse({ description: REFUSED })
  bulk(@Body() dto: BulkAllocationDto, @CurrentActor() user: User, @Req() req: { headers: Record<string, string | string[] | undefined> }) {
    requireGrant(user, COMMAND_GRANTS.allocation);
    return this.allocation.allocateCaseOfficers(dto.allocations.map((a) => ({ reference: a.reference, subjectId: a.subjectId, caseOfficer: a.caseOfficer })), user, requestIdOf(req));
  }

  @Put('matters/:reference/case-officer')
  @ApiOperation({ summary: "Allocate the matter's case officer (null: unallocated); audited" })
  @ApiCommandErrors()
  @ApiConflictResponse({ description: REFUSED })
  matterCaseOfficer(@Param('reference', new IdentifierPipe('matter')) reference: string, @Body() dto: CaseOfficerDto, @CurrentActor() user: User, @Req() req: { headers: Record<string, string | string[] | undefined> }) {
    requireGrant(user, COMMAND_GRANTS.allocation);
    return this.allocation.allocateCaseOfficers([{ reference, caseOfficer: dto.caseOfficer }], user, requestIdOf(req)).then((r) => r.allocations[0]);
  }

  @Put('matters/:reference/subjects/:subjectId/case-officer')
  @ApiOperation({ summary: "Allocate a subject's own case officer (null: unallocated); audited" })
  @ApiCommandErrors()
  @ApiConflictResponse({ description: REFUSED })
  subjectCaseOfficer(
    @Param('reference', new IdentifierPipe('matter')) reference: string,
    @Param('subjectId', new IdentifierPipe('subject')) subjectId: string,
    @Body() dto: CaseOfficerDto,
    @CurrentActor() user: User,
    @Req() req: { headers: Record<string, string | string[] | undefined> },
  ) {
    requireGrant(user, COMMAND_GRANTS.allocation);
    return this.allocation.allocateCaseOfficers([{ reference, subjectId, caseOfficer: dto.caseOfficer }], user, requestIdOf(req)).then((r) => r.allocations[0]);
  }

  @Put('matters/:reference/investigator')
  @ApiOperation({ summary: "Allocate the matter's investigator: recorded as the event investigator-appointed, checked by the matter's workflow (CR reg 15(3)); someone of another force only for a senior officer" })
  @ApiCommandErrors()
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'A retried request with the same key acts once' })
  @ApiConflictResponse({ description: 'Refused, nothing recorded: allocation-within-force, or a bar of CR reg 15(3) (the body names the rule and regulation)' })
  investigator(@Param('reference', new IdentifierPipe('matter')) reference: string, @Body() dto: InvestigatorAllocationDto, @CurrentActor() user: User, @Headers('idempotency-key') key?: string) {
    requireGrant(user, COMMAND_GRANTS.allocation);
    return this.allocation.allocateInvestigator(reference, dto, user, key);
  }

  @Get('allocations/unallocated')
  @ApiOperation({ summary: 'Open matters with no case officer, oldest received first, by force and queue' })
  unallocated(@Query() q: UnallocatedQuery, @CurrentActor() user: User) {
    return this.allocation.unallocated(q, user);
  }
}
