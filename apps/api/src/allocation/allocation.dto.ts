import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsDefined, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength, ValidateIf, ValidateNested } from 'class-validator';
import { IsInstant } from '../common/validators';

const IDENT = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const REFERENCE = /^[A-Za-z0-9][A-Za-z0-9._/-]{0,63}$/;
/** A user id as a sign-in gives it (the token's `sub`): printable, no spaces at either end. */
const USER_ID = /^(?=\S)[^\u0000-\u001f\u007f]{1,200}(?<=\S)$/;
export const MAX_BULK_ALLOCATIONS = 500;

export class CaseOfficerDto {
  @ApiProperty({ example: 'co-1', nullable: true, description: 'The user id of the case officer, as they sign in; null: no longer allocated' })
  @ValidateIf((o) => o.caseOfficer !== null)
  @IsString() @Matches(USER_ID, { message: 'caseOfficer must be the user id of someone who signs in (1-200 characters), or null' })
  caseOfficer!: string | null;
}

export class AllocationItemDto extends CaseOfficerDto {
  @ApiProperty({ example: 'PSD-2026-0001' }) @Matches(REFERENCE, { message: 'reference must be a matter reference' })
  reference!: string;

  @ApiPropertyOptional({ description: "A subject of the matter: the subject's own case officer; absent, the matter's" })
  @IsOptional() @Matches(IDENT, { message: 'subjectId must name a subject of the matter' })
  subjectId?: string;
}

export class BulkAllocationDto {
  @ApiProperty({ type: () => [AllocationItemDto], description: `1 to ${MAX_BULK_ALLOCATIONS} allocations, applied all together or not at all` })
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(MAX_BULK_ALLOCATIONS) @ValidateNested({ each: true }) @Type(() => AllocationItemDto)
  allocations!: AllocationItemDto[];
}

export class InvestigatorAllocationDto {
  @ApiProperty({ example: 'ds-7', description: 'The user id of the investigator, as they sign in' })
  @IsDefined() @IsString() @Matches(IDENT, { message: 'userId must be the user id of someone who signs in: 1-64 letters, digits, dots, dashes or underscores' })
  userId!: string;

  @ApiPropertyOptional({ description: 'When they were appointed; absent, now' }) @IsOptional() @IsInstant()
  occurredAt?: string;

  @ApiPropertyOptional({ example: 'Professional Standards Department' }) @IsOptional() @IsString() @MinLength(1) @MaxLength(200)
  unit?: string;

  @ApiPropertyOptional({ description: 'Those they work under, nearest first (CR reg 15(3))' })
  @IsOptional() @IsArray() @ArrayMaxSize(20) @Matches(IDENT, { each: true, message: 'lineManagers must be ids of 1-64 letters, digits, dots, dashes or underscores' })
  lineManagers?: string[];

  @ApiPropertyOptional({ description: 'Declared: they have an interest in the case (refused: CR reg 15(3))' }) @IsOptional() @IsBoolean()
  interestedParty?: boolean;
}

export class UnallocatedQuery {
  @ApiPropertyOptional() @IsOptional() @Matches(IDENT) forceId?: string;
  @ApiPropertyOptional({ description: "The queue: 'general' until routing by allegation category adds a specialist unit's" }) @IsOptional() @Matches(IDENT) queue?: string;
  @ApiPropertyOptional({ default: 50 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500) limit?: number;
  @ApiPropertyOptional({ description: 'The `next` cursor of the previous page' })
  @IsOptional() @Matches(/^[A-Za-z0-9_-]{1,400}$/, { message: 'after must be the next cursor of a previous page' }) after?: string;
}
