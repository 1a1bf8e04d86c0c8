import { Body, Controller, Headers, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConflictResponse, ApiConsumes, ApiOperation, ApiTags } from '@nestjs/swagger';
import { COMMAND_GRANTS } from '@conduct/domain';
import type { User } from '../auth/user';
import { CurrentActor, requireGrant } from '../common/actor';
import { ApiCommandErrors } from '../common/api-errors.decorator';
import { ImportsService } from './imports.service';

/** The largest import file the API reads (10,000 matters in JSON is about 12 MB). */
export const IMPORT_BODY_LIMIT = '64mb';

@ApiTags('imports')
@ApiBearerAuth('bearer')
@Controller('imports')
export class ImportsController {
  constructor(private readonly imports: ImportsService) {}

  @Post()
  @ApiOperation({
    summary: 'Bring in existing cases, mid-way or closed (docs/import.md): every row is checked first, then each matter starts at its stage',
    description:
      'The file as the body: application/json or text/csv. 400 lists every refused row (line, field, reason, rule and regulation) and nothing is imported; ' +
      '201 with each matter created; 200 when every matter was already imported from the same rows (unchanged); 409 for a reference that exists with other content.',
  })
  @ApiConsumes('application/json', 'text/csv')
  @ApiBody({ schema: { type: 'string', description: 'The import file (docs/import.md)' } })
  @ApiCommandErrors(201)
  @ApiConflictResponse({ description: 'A matter with this reference already exists and was not imported from these rows: `refused` names it' })
  async import(@Body() body: unknown, @Headers('content-type') contentType: string | undefined, @CurrentActor() user: User, @Res({ passthrough: true }) res: { status(code: number): unknown }) {
    requireGrant(user, COMMAND_GRANTS.import);
    const answer = await this.imports.import(typeof body === 'string' ? body : '', contentType ?? '', user);
    res.status(answer.created > 0 ? 201 : 200);
    return answer;
  }
}
