import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { CONFIDENTIAL_REPORT_ASSESSMENT_NAMES, CONFIDENTIAL_REPORT_LIMITS as LIMITS } from '@conduct/domain';

const IDENT = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/** What a member of the force reports: no account, and nothing about them unless they choose to say who they are. */
export class ConfidentialReportDto {
  @ApiProperty({ example: 'metropolitan', description: 'The force of the colleague reported (its professional standards department reads the report)' })
  @Matches(IDENT, { message: 'forceId must be 1-64 letters, digits, dots, dashes or underscores' })
  forceId!: string;

  @ApiProperty({ description: 'What happened: what the colleague did or said, when and where, and who else saw it' })
  @IsString() @MinLength(1, { message: 'account: say what happened' }) @MaxLength(LIMITS.account)
  account!: string;

  @ApiPropertyOptional({ description: 'Who the report is about (a name, a number, a team), if known' })
  @IsOptional() @IsString() @MaxLength(LIMITS.about)
  about?: string;

  @ApiPropertyOptional({ description: 'Who the reporter is, only if they choose to say: kept encrypted, readable by administrators alone, every read audited' })
  @IsOptional() @IsString() @MaxLength(LIMITS.identity)
  identity?: string;
}

export class ConfidentialAnswerDto {
  @ApiProperty({ example: '1', description: "The question's id, as the report lists it" })
  @Matches(/^[0-9]{1,18}$/, { message: 'questionId must be the id of a question on this report' })
  questionId!: string;

  @ApiProperty()
  @IsString() @MinLength(1, { message: 'answer: write an answer' }) @MaxLength(LIMITS.answer)
  answer!: string;
}

export class ConfidentialAssessmentDto {
  @ApiProperty({ enum: CONFIDENTIAL_REPORT_ASSESSMENT_NAMES })
  @IsIn(CONFIDENTIAL_REPORT_ASSESSMENT_NAMES)
  assessment!: string;

  @ApiProperty({ description: 'Why: recorded with the assessment' })
  @IsString() @MinLength(1, { message: 'rationale: say why' }) @MaxLength(LIMITS.rationale)
  rationale!: string;
}

export class ConfidentialQuestionDto {
  @ApiProperty({ description: 'A question for the reporter, who reads it with their reference and secret' })
  @IsString() @MinLength(1, { message: 'question: write the question' }) @MaxLength(LIMITS.question)
  question!: string;
}
