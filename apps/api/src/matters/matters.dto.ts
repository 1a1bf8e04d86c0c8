import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsDefined,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import {
  CASE_TO_ANSWER_FINDINGS,
  FINAL_WRITTEN_WARNING_MAX_MONTHS,
  FORMER_OFFICER_MISCONDUCT_HEARING_REASONS,
  LIKELY_FORMS,
  LIST_REPORTS,
  MATTER_DECISIONS,
  MATTER_EVENTS,
  MATTER_KINDS,
  MODES_OF_INVESTIGATION,
  NO_PROCEEDINGS_ROUTES,
  FINDINGS,
  OUTCOMES,
  PANEL_CHAIR_ROLES,
  RECORDABLE_CATEGORIES,
  SEVERITIES,
  STANDARDS_OF_PROFESSIONAL_BEHAVIOUR,
  SUBJECT_DECISIONS,
  SUBJECT_EVENTS,
  SUBJECT_KINDS,
  DECISION_RATIONALE,
  IOPC_CATEGORY_CODES,
  IOPC_CATEGORY_SOURCE,
} from '@conduct/domain';
import { EARLIEST_DATE, IsCivilDate, IsInstant, IsRationale } from '../common/validators';

const REFERENCE = /^[A-Za-z0-9][A-Za-z0-9._/-]{0,63}$/;
const IDENT = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const ROUTES = NO_PROCEEDINGS_ROUTES;
const MODES = MODES_OF_INVESTIGATION;


export class SubjectReferralDto {
  @ApiProperty({ example: 'officer-a', description: 'Unique within the matter' })
  @Matches(IDENT, { message: 'subjectId must be 1-64 letters, digits, dots, dashes or underscores' })
  subjectId!: string;

  @ApiProperty({ enum: SUBJECT_KINDS })
  @IsIn(SUBJECT_KINDS)
  kind!: (typeof SUBJECT_KINDS)[number];

  @ApiPropertyOptional({ example: 'PC' })
  @IsOptional() @IsString() @MaxLength(40)
  rank?: string;

  @ApiPropertyOptional({ example: '123456', description: "An officer's warrant number, or the number a member of staff, special constable or volunteer is known by in the force: the subject is matched to that person of the force, or one is created" })
  @IsOptional() @IsString() @MaxLength(40)
  warrantNumber?: string;

  @ApiPropertyOptional({ example: 'Jane Example' })
  @IsOptional() @IsString() @MaxLength(200)
  name?: string;

  @ApiPropertyOptional({ example: '1980-02-29', description: 'For the barred-list report (BL&AL Regs reg 3)' })
  @IsOptional() @IsCivilDate({ notInFuture: true })
  dateOfBirth?: string;

  @ApiPropertyOptional({ description: "A final written warning was live at the severity assessment (CR reg 42(5)). Derived from the person's earlier outcomes this engine recorded; a tick the records do not support is a warning from before the engine and needs finalWrittenWarningLiveSource" })
  @IsOptional() @IsBoolean()
  finalWrittenWarningLive?: boolean;

  @ApiPropertyOptional({ example: 'PSD paper file 2019/44', description: 'Where a final written warning this engine did not record is recorded (required with finalWrittenWarningLive when the engine has no live warning for the person)' })
  @IsOptional() @IsString() @MinLength(1) @MaxLength(200)
  finalWrittenWarningLiveSource?: string;

  @ApiPropertyOptional({ example: 'Response Team 3', description: "The subject's unit: an investigator from it is refused where the force's setting says so" })
  @IsOptional() @IsString() @MinLength(1) @MaxLength(200)
  unit?: string;

  @ApiPropertyOptional({ example: ['insp-4', 'ci-2'], description: "The subject's line managers, nearest first (recorded for the investigator's independence, CR reg 15(3))" })
  @IsOptional() @IsArray() @ArrayMaxSize(20) @Matches(IDENT, { each: true, message: 'lineManagers must be ids of 1-64 letters, digits, dots, dashes or underscores' })
  lineManagers?: string[];
}

/** One person on a panel (CR reg 28). */
export class PanelMemberDto {
  @ApiProperty({ example: 'im-1' }) @Matches(IDENT, { message: 'id must be 1-64 letters, digits, dots, dashes or underscores' })
  id!: string;

  @ApiPropertyOptional() @IsOptional() @IsString() @MinLength(1) @MaxLength(200)
  name?: string;

  @ApiPropertyOptional({ description: 'Declared: the person has an interest in the case (refused: CR reg 28)' }) @IsOptional() @IsBoolean()
  interestedParty?: boolean;

  @ApiPropertyOptional({ example: 'Superintendent', description: "The police member's rank (2020 rules), or an officer chair's" }) @IsOptional() @IsString() @MaxLength(40)
  rank?: string;
}

/** The chair: the chief officer or a delegate (CR reg 2(4A)-(4D), from 7 May 2024), HMCIC or an HMI, or under the 2020 rules a legally qualified chair. */
export class PanelChairDto extends PanelMemberDto {
  @ApiProperty({ enum: PANEL_CHAIR_ROLES }) @IsIn(PANEL_CHAIR_ROLES)
  role!: (typeof PANEL_CHAIR_ROLES)[number];

  @ApiPropertyOptional({ description: "The chair's force, where from another (a senior officer's case)" }) @IsOptional() @Matches(IDENT)
  forceId?: string;

  @ApiPropertyOptional({ example: '2022-03-31', description: 'A former senior officer: the day they last served as one (delegation within 5 years)' }) @IsOptional() @IsCivilDate()
  lastServedAsSeniorOfficerOn?: string;
}

/** Who takes a place emptied by an upheld objection: a member, or a chair with their role. */
export class PanelReplacementDto extends PanelMemberDto {
  @ApiPropertyOptional({ enum: PANEL_CHAIR_ROLES, description: 'For a new chair' }) @IsOptional() @IsIn(PANEL_CHAIR_ROLES)
  role?: (typeof PANEL_CHAIR_ROLES)[number];

  @ApiPropertyOptional() @IsOptional() @Matches(IDENT)
  forceId?: string;

  @ApiPropertyOptional() @IsOptional() @IsCivilDate()
  lastServedAsSeniorOfficerOn?: string;
}

export class PanelDto {
  @ApiProperty({ type: PanelChairDto }) @IsDefined() @ValidateNested() @Type(() => PanelChairDto)
  chair!: PanelChairDto;

  @ApiPropertyOptional({ type: [PanelMemberDto], description: 'Appointed by the local policing body: two from 7 May 2024, one under the 2020 rules' })
  @IsOptional() @IsArray() @ArrayMaxSize(4) @ValidateNested({ each: true }) @Type(() => PanelMemberDto)
  independentMembers?: PanelMemberDto[];

  @ApiPropertyOptional({ type: PanelMemberDto, description: 'The 2020 rules: a police member of at least superintendent' })
  @IsOptional() @ValidateNested() @Type(() => PanelMemberDto)
  policeMember?: PanelMemberDto;

  @ApiPropertyOptional({ type: PanelMemberDto, description: 'From 7 May 2024: the legally qualified adviser appointed by the local policing body' })
  @IsOptional() @ValidateNested() @Type(() => PanelMemberDto)
  legallyQualifiedAdviser?: PanelMemberDto;
}

/** The investigator appointed (CR reg 15). */
export class InvestigatorDto {
  @ApiProperty({ example: 'ds-7' }) @Matches(IDENT, { message: 'id must be 1-64 letters, digits, dots, dashes or underscores' })
  id!: string;

  @ApiPropertyOptional() @IsOptional() @IsString() @MinLength(1) @MaxLength(200)
  name?: string;

  @ApiPropertyOptional({ example: 'Professional Standards Department' }) @IsOptional() @IsString() @MinLength(1) @MaxLength(200)
  unit?: string;

  @ApiPropertyOptional({ description: "Their force, where not the matter's" }) @IsOptional() @Matches(IDENT)
  forceId?: string;

  @ApiPropertyOptional({ example: ['di-1', 'dci-3'], description: 'Those they work under, directly or indirectly, nearest first' })
  @IsOptional() @IsArray() @ArrayMaxSize(20) @Matches(IDENT, { each: true, message: 'lineManagers must be ids of 1-64 letters, digits, dots, dashes or underscores' })
  lineManagers?: string[];

  @ApiPropertyOptional({ description: 'Declared: they have an interest in the case (refused: CR reg 15(3))' }) @IsOptional() @IsBoolean()
  interestedParty?: boolean;
}

/** An allegation: what is alleged, against which subjects, its IOPC category, the standards it engages (allegations.ts). */
export class AllegationDto {
  @ApiProperty({ example: 'allegation-1', description: 'Unique within the matter; decisions name the allegation by it' })
  @Matches(IDENT, { message: 'id must be 1-64 letters, digits, dots, dashes or underscores' })
  id!: string;

  @ApiProperty({ example: 'Pushed the complainant against a wall during the arrest' })
  @IsString() @MinLength(1) @MaxLength(4000)
  alleged!: string;

  @ApiProperty({ enum: IOPC_CATEGORY_CODES, description: `Its category: ${IOPC_CATEGORY_SOURCE} (GET /rules/allegation-categories lists them)` })
  @IsIn(IOPC_CATEGORY_CODES as unknown as string[], { message: `category must be one of the IOPC's complaint categories: ${IOPC_CATEGORY_CODES.join(', ')}` })
  category!: (typeof IOPC_CATEGORY_CODES)[number];

  @ApiProperty({ example: ['officer-a'], description: 'The subjects of the matter it is alleged against' })
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(100) @Matches(IDENT, { each: true, message: 'subjectIds must name subjects of the matter' })
  subjectIds!: string[];

  @ApiProperty({ enum: STANDARDS_OF_PROFESSIONAL_BEHAVIOUR, isArray: true, description: 'The Standards of Professional Behaviour engaged (CR Sch 2); may be empty' })
  @IsArray() @ArrayMaxSize(10) @IsIn(STANDARDS_OF_PROFESSIONAL_BEHAVIOUR as unknown as string[], { each: true })
  standards!: (typeof STANDARDS_OF_PROFESSIONAL_BEHAVIOUR)[number][];
}

/** The finding on one allegation for the subject, with an outcome (CR reg 41(15)). */
export class AllegationFindingDto {
  @ApiProperty({ example: 'allegation-1' })
  @Matches(IDENT, { message: 'allegationId must name an allegation of the matter' })
  allegationId!: string;

  @ApiProperty({ enum: FINDINGS })
  @IsIn(FINDINGS)
  finding!: (typeof FINDINGS)[number];
}

export class ReferMatterDto {
  @ApiProperty({ example: 'MPS-2020-0623', description: 'The matter reference; the workflow id derives from it, so it can be referred once' })
  @Matches(REFERENCE, { message: 'reference must be 1-64 letters, digits, dots, slashes, dashes or underscores, starting with a letter or digit' })
  reference!: string;

  @ApiProperty({ enum: MATTER_KINDS })
  @IsIn(MATTER_KINDS)
  kind!: (typeof MATTER_KINDS)[number];

  @ApiProperty({ example: 'metropolitan' })
  @Matches(IDENT, { message: 'forceId must be 1-64 letters, digits, dots, dashes or underscores' })
  forceId!: string;

  @ApiProperty({ example: 'Commissioner of Police of the Metropolis' })
  @IsString() @MinLength(1) @MaxLength(200)
  appropriateAuthority!: string;

  @ApiProperty({ example: '2020-06-23', description: 'The date the matter reached the appropriate authority' })
  @IsCivilDate({ notInFuture: true, notBefore: EARLIEST_DATE })
  receivedOn!: string;

  @ApiPropertyOptional({ example: '2020-06-15', description: "A complaint only: the date it was made, on or before receivedOn; its first timeliness report falls due 12 months from it (CMR reg 13). Absent: receivedOn" })
  @IsOptional() @IsCivilDate({ notInFuture: true, notBefore: EARLIEST_DATE })
  complaintMadeOn?: string;

  @ApiPropertyOptional({ enum: Object.keys(RECORDABLE_CATEGORIES), isArray: true })
  @IsOptional() @IsArray() @ArrayMaxSize(20) @IsIn([...Object.keys(RECORDABLE_CATEGORIES), 'death-or-serious-injury'], { each: true })
  recordableCategories?: string[];

  @ApiPropertyOptional()
  @IsOptional() @IsString() @MaxLength(4000)
  summary?: string;

  @ApiProperty({ type: [SubjectReferralDto] })
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(100) @ValidateNested({ each: true }) @Type(() => SubjectReferralDto)
  subjects!: SubjectReferralDto[];

  @ApiPropertyOptional({ type: [AllegationDto], description: 'What is alleged, against which subjects; optional here (older clients send none), asked for by the web referral' })
  @IsOptional() @IsArray() @ArrayMaxSize(100) @ValidateNested({ each: true }) @Type(() => AllegationDto)
  allegations?: AllegationDto[];
}

export class PublicationExemptionDto {
  @ApiProperty({ description: 'Whether the appropriate authority asks the College of Policing not to publish the barred-list entry' })
  @IsBoolean()
  requested!: boolean;

  @ApiPropertyOptional({ description: 'Why publication should not happen (required when requested)' })
  @ValidateIf((o) => o.requested === true || o.grounds !== undefined)
  @IsString() @MinLength(1) @MaxLength(4000)
  grounds?: string;
}

/** What a refused list report lacked, supplied by the appropriate authority (BL&AL Regs reg 3 / reg 12). */
export class ListReportDetailsDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MinLength(1) @MaxLength(400)
  fullName?: string;

  @ApiPropertyOptional({ example: '1980-02-29' }) @IsOptional() @IsCivilDate()
  dateOfBirth?: string;

  @ApiPropertyOptional() @IsOptional() @IsString() @MinLength(1) @MaxLength(100)
  rank?: string;

  @ApiPropertyOptional() @IsOptional() @IsString() @MinLength(1) @MaxLength(100)
  warrantNumber?: string;

  @ApiPropertyOptional() @IsOptional() @IsString() @MinLength(1) @MaxLength(4000)
  conduct?: string;

  @ApiPropertyOptional({ enum: STANDARDS_OF_PROFESSIONAL_BEHAVIOUR, isArray: true })
  @IsOptional() @IsArray() @ArrayMinSize(1) @ArrayMaxSize(10) @IsIn(STANDARDS_OF_PROFESSIONAL_BEHAVIOUR as unknown as string[], { each: true })
  standardsBreached?: (typeof STANDARDS_OF_PROFESSIONAL_BEHAVIOUR)[number][];

  @ApiPropertyOptional({ type: PublicationExemptionDto })
  @IsOptional() @ValidateNested() @Type(() => PublicationExemptionDto)
  publicationExemption?: PublicationExemptionDto;

  @ApiPropertyOptional() @IsOptional() @IsString() @MinLength(1) @MaxLength(4000)
  allegationSummary?: string;
}

export class DecisionDto {
  @ApiProperty({ enum: SUBJECT_DECISIONS })
  @IsIn(SUBJECT_DECISIONS)
  decision!: (typeof SUBJECT_DECISIONS)[number];

  @ApiProperty({ example: '2020-06-24T10:00:00Z', description: 'When the decision was made; may be in the past, never the future' })
  @IsInstant()
  occurredAt!: string;

  @ApiProperty({
    example: 'The conduct, if proved, would justify disciplinary action but not dismissal: a misconduct meeting is proportionate',
    maxLength: DECISION_RATIONALE.maxLength,
    description: `What was decided and why, including a decision not to act (${DECISION_RATIONALE.source}); kept in the audit trail and shown with the decision`,
  })
  @IsRationale()
  rationale!: string;

  @ApiPropertyOptional({ enum: SEVERITIES })
  @ValidateIf((o) => o.decision === 'severity-assessment' || o.decision === 'severity-revision')
  @IsIn(SEVERITIES)
  severity?: (typeof SEVERITIES)[number];

  @ApiPropertyOptional({ enum: LIKELY_FORMS })
  @IsOptional() @IsIn(LIKELY_FORMS)
  likelyForm?: (typeof LIKELY_FORMS)[number];

  @ApiPropertyOptional({ enum: ROUTES })
  @IsOptional() @IsIn(ROUTES)
  routeIfNeither?: (typeof ROUTES)[number];

  @ApiPropertyOptional({ enum: CASE_TO_ANSWER_FINDINGS })
  @ValidateIf((o) => o.decision === 'case-to-answer')
  @IsIn(CASE_TO_ANSWER_FINDINGS)
  caseToAnswer?: (typeof CASE_TO_ANSWER_FINDINGS)[number];

  @ApiPropertyOptional({ enum: ROUTES })
  @IsOptional() @IsIn(ROUTES)
  routeIfNone?: (typeof ROUTES)[number];

  @ApiPropertyOptional()
  @IsOptional() @IsBoolean()
  severalUnconnectedIncidents?: boolean;

  @ApiPropertyOptional({
    enum: FORMER_OFFICER_MISCONDUCT_HEARING_REASONS,
    description: 'On a case-to-answer decision for a former officer under the 2025 rules: why the case goes to a misconduct hearing instead of an accelerated one (CR reg 21A(3))',
  })
  @IsOptional() @IsIn(FORMER_OFFICER_MISCONDUCT_HEARING_REASONS)
  misconductHearingBecause?: (typeof FORMER_OFFICER_MISCONDUCT_HEARING_REASONS)[number];

  @ApiPropertyOptional({ enum: ROUTES, description: 'For a withdrawal (CR reg 27)' })
  @ValidateIf((o) => o.decision === 'withdrawal')
  @IsIn(ROUTES)
  route?: (typeof ROUTES)[number];

  @ApiPropertyOptional()
  @ValidateIf((o) => ['withdrawal', 'severity-revision', 'special-conditions'].includes(o.decision))
  @IsString() @MinLength(1) @MaxLength(4000)
  reason?: string;

  @ApiPropertyOptional({ enum: OUTCOMES })
  @ValidateIf((o) => o.decision === 'outcome')
  @IsIn(OUTCOMES)
  outcome?: (typeof OUTCOMES)[number];

  @ApiPropertyOptional({ description: 'A final written warning set at more than 2 years (up to 5)' })
  @IsOptional() @IsInt() @Min(1) @Max(FINAL_WRITTEN_WARNING_MAX_MONTHS)
  warningMonths?: number;

  @ApiPropertyOptional({ enum: FINDINGS, description: 'With an outcome: what the proceedings found (CR reg 41(15)). Under the 2025 rules no action is refused on a finding of misconduct' })
  @IsOptional() @IsIn(FINDINGS)
  finding?: (typeof FINDINGS)[number];

  @ApiPropertyOptional({ type: [AllegationFindingDto], description: 'With an outcome, or an appeal allowed: the finding on each allegation against the subject (CR reg 41(15)); an appeal allowed replaces the outcome\'s findings (CR reg 47)' })
  @IsOptional() @IsArray() @ArrayMinSize(1) @ArrayMaxSize(100) @ValidateNested({ each: true }) @Type(() => AllegationFindingDto)
  allegationFindings?: AllegationFindingDto[];

  @ApiPropertyOptional({ isArray: true, type: String, description: 'With a severity assessment, its revision or case to answer: the allegations it concerns (CR reg 14 / CMR reg 19 / CR reg 23)' })
  @IsOptional() @IsArray() @ArrayMinSize(1) @ArrayMaxSize(100) @Matches(IDENT, { each: true, message: 'allegations must name allegations of the matter' })
  allegations?: string[];

  @ApiPropertyOptional({ description: 'With an outcome short of dismissal on a finding of gross misconduct: the panel\'s reasons (the exceptional circumstances), required under the 2025 rules (CR reg 42 as amended by SI 2025/558 reg 15)' })
  @IsOptional() @IsString() @MinLength(1) @MaxLength(4000)
  exceptionalCircumstances?: string;

  @ApiPropertyOptional({ description: 'With an outcome, or an appeal determination substituting a dismissal: the conduct found, for the barred-list report (BL&AL Regs reg 3)' })
  @IsOptional() @IsString() @MinLength(1) @MaxLength(4000)
  conduct?: string;

  @ApiPropertyOptional({ enum: STANDARDS_OF_PROFESSIONAL_BEHAVIOUR, isArray: true, description: 'With an outcome, or an appeal determination substituting a dismissal: the Standards of Professional Behaviour breached (CR Sch 2), for the barred-list report' })
  @IsOptional() @IsArray() @ArrayMinSize(1) @ArrayMaxSize(10) @IsIn(STANDARDS_OF_PROFESSIONAL_BEHAVIOUR as unknown as string[], { each: true })
  standardsBreached?: (typeof STANDARDS_OF_PROFESSIONAL_BEHAVIOUR)[number][];

  @ApiPropertyOptional({ type: PublicationExemptionDto, description: 'With an outcome, or an appeal determination substituting a dismissal: publication-exemption information for the barred-list report' })
  @IsOptional() @ValidateNested() @Type(() => PublicationExemptionDto)
  publicationExemption?: PublicationExemptionDto;

  @ApiPropertyOptional({ enum: ['dismissed', 'allowed'] })
  @ValidateIf((o) => o.decision === 'appeal-determination')
  @IsIn(['dismissed', 'allowed'])
  result?: 'dismissed' | 'allowed';

  @ApiPropertyOptional({ enum: OUTCOMES })
  @IsOptional() @IsIn(OUTCOMES)
  substitutedOutcome?: (typeof OUTCOMES)[number];
}

export class EventDto {
  @ApiProperty({ enum: SUBJECT_EVENTS })
  @IsIn(SUBJECT_EVENTS)
  event!: (typeof SUBJECT_EVENTS)[number];

  @ApiProperty({ example: '2020-06-30T09:00:00Z' })
  @IsInstant()
  occurredAt!: string;

  @ApiPropertyOptional({ example: '2020-07-14', description: 'The date fixed, for an interview or a meeting or hearing' })
  @IsOptional() @IsCivilDate()
  scheduledFor?: string;

  @ApiPropertyOptional()
  @ValidateIf((o) => o.event === 'notice-of-investigation-delayed')
  @IsString() @MinLength(1) @MaxLength(4000)
  note?: string;

  @ApiPropertyOptional({ example: '2027-03-01', description: 'With reflective-review-report-agreed: the day the agreed actions are to be completed by (CR reg 70)' })
  @ValidateIf((o) => o.event === 'reflective-review-report-agreed')
  @IsCivilDate()
  actionsDueBy?: string;

  @ApiPropertyOptional({ example: '2027-04-01', description: 'With reflective-review-report-agreed: the review date the report sets (CR reg 70)' })
  @ValidateIf((o) => o.event === 'reflective-review-report-agreed')
  @IsCivilDate()
  reviewOn?: string;

  @ApiPropertyOptional({ description: 'On a resignation or retirement: a summary of the allegation outstanding, for the advisory-list report (BL&AL Regs reg 12)' })
  @IsOptional() @IsString() @MinLength(1) @MaxLength(4000)
  allegationSummary?: string;

  // Withdrawal of vetting clearance is dismissal without notice (SI 2025/502): what its barred-list report needs, as an outcome's.
  @ApiPropertyOptional({ description: 'With vetting-clearance-withdrawn: the conduct, for the barred-list report the dismissal owes (BL&AL Regs reg 3)' })
  @ValidateIf((o) => o.event === 'vetting-clearance-withdrawn' && o.conduct !== undefined)
  @IsString() @MinLength(1) @MaxLength(4000)
  conduct?: string;

  @ApiPropertyOptional({ enum: STANDARDS_OF_PROFESSIONAL_BEHAVIOUR, isArray: true, description: 'With vetting-clearance-withdrawn: the Standards of Professional Behaviour breached, for the barred-list report' })
  @ValidateIf((o) => o.event === 'vetting-clearance-withdrawn' && o.standardsBreached !== undefined)
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(10) @IsIn(STANDARDS_OF_PROFESSIONAL_BEHAVIOUR as unknown as string[], { each: true })
  standardsBreached?: (typeof STANDARDS_OF_PROFESSIONAL_BEHAVIOUR)[number][];

  @ApiPropertyOptional({ type: PublicationExemptionDto, description: 'With vetting-clearance-withdrawn: publication-exemption information for the barred-list report' })
  @ValidateIf((o) => o.event === 'vetting-clearance-withdrawn' && o.publicationExemption !== undefined)
  @ValidateNested() @Type(() => PublicationExemptionDto)
  publicationExemption?: PublicationExemptionDto;

  @ApiPropertyOptional({ enum: LIST_REPORTS, description: 'With list-report-details-supplied: the report being completed' })
  @ValidateIf((o) => o.event === 'list-report-details-supplied')
  @IsIn(LIST_REPORTS as unknown as string[])
  report?: (typeof LIST_REPORTS)[number];

  @ApiPropertyOptional({ type: () => ListReportDetailsDto, description: 'With list-report-details-supplied: what the report lacked' })
  @ValidateIf((o) => o.event === 'list-report-details-supplied')
  @IsDefined() @ValidateNested() @Type(() => ListReportDetailsDto)
  details?: ListReportDetailsDto;

  @ApiPropertyOptional({ type: () => PanelDto, description: 'With panel-appointed: the chair, members and adviser (which the rule set of the matter requires)' })
  @ValidateIf((o) => o.event === 'panel-appointed')
  @IsDefined() @ValidateNested() @Type(() => PanelDto)
  panel?: PanelDto;

  @ApiPropertyOptional({ example: 'im-1', description: 'With panel-objection-made, panel-objection-determined or panel-member-replaced: the panel member concerned' })
  @ValidateIf((o) => ['panel-objection-made', 'panel-objection-determined', 'panel-member-replaced'].includes(o.event))
  @Matches(IDENT, { message: 'member must be the id of a panel member' })
  member?: string;

  @ApiPropertyOptional({ description: 'With panel-objection-made: why the officer objects' })
  @ValidateIf((o) => o.event === 'panel-objection-made')
  @IsString() @MinLength(1) @MaxLength(4000)
  grounds?: string;

  @ApiPropertyOptional({ description: 'With panel-objection-determined: whether the objection was upheld' })
  @ValidateIf((o) => o.event === 'panel-objection-determined')
  @IsBoolean()
  upheld?: boolean;

  @ApiPropertyOptional({ type: () => PanelReplacementDto, description: 'With panel-member-replaced: who takes the place (role is needed for a chair)' })
  @ValidateIf((o) => o.event === 'panel-member-replaced')
  @IsDefined() @ValidateNested() @Type(() => PanelReplacementDto)
  replacement?: PanelReplacementDto;
}

export class ExtensionDto {
  @ApiProperty({ example: '2020-07-20' })
  @IsCivilDate()
  newDueDate!: string;

  @ApiProperty()
  @IsString() @MinLength(1) @MaxLength(4000)
  reason!: string;

  @ApiProperty({ example: 'the investigator' })
  @IsString() @MinLength(1) @MaxLength(200)
  agreedBy!: string;

  @ApiProperty({ example: '2020-07-10T09:00:00Z' })
  @IsInstant()
  occurredAt!: string;
}

export class MatterDecisionDto {
  @ApiProperty({ enum: MATTER_DECISIONS })
  @IsIn(MATTER_DECISIONS)
  decision!: 'mode-of-investigation';

  @ApiProperty({ enum: MODES })
  @IsIn(MODES)
  mode!: (typeof MODES)[number];

  @ApiProperty()
  @IsInstant()
  occurredAt!: string;

  @ApiProperty({
    example: 'A serious injury in custody: the public interest needs an investigation independent of the force',
    maxLength: DECISION_RATIONALE.maxLength,
    description: `What was decided and why, including a decision not to act (${DECISION_RATIONALE.source}); kept in the audit trail and shown with the decision`,
  })
  @IsRationale()
  rationale!: string;
}

/** An officer's copy of a timeliness report (CR reg 19(4)): sent, or withheld under the harm test with the reason. */
export class OfficerCopyDto {
  @ApiProperty({ example: 'pc-1' }) @Matches(IDENT, { message: 'subjectId must name a subject of the matter' })
  subjectId!: string;

  @ApiProperty({ description: 'Whether the copy went to the officer' }) @IsBoolean()
  sent!: boolean;

  @ApiPropertyOptional({ description: 'Why the copy was withheld under the harm test (required when sent is false)' })
  @ValidateIf((o) => o.sent === false || o.withheldReason !== undefined)
  @IsString() @MinLength(1) @MaxLength(4000)
  withheldReason?: string;
}

export class MatterEventDto {
  @ApiProperty({ enum: MATTER_EVENTS })
  @IsIn(MATTER_EVENTS)
  event!: (typeof MATTER_EVENTS)[number];

  @ApiProperty()
  @IsInstant()
  occurredAt!: string;

  @ApiPropertyOptional({ description: 'What the complainant was told, for an update; the reason, for a voluntary referral to the IOPC' })
  @IsOptional() @IsString() @MaxLength(4000)
  note?: string;

  @ApiPropertyOptional({ type: () => InvestigatorDto, description: 'With investigator-appointed: who, their unit and line managers (CR reg 15(3))' })
  @ValidateIf((o) => o.event === 'investigator-appointed')
  @IsDefined() @ValidateNested() @Type(() => InvestigatorDto)
  investigator?: InvestigatorDto;

  @ApiPropertyOptional({ description: "With subject-line-management-recorded: the subject whose unit and line managers are recorded" })
  @ValidateIf((o) => o.event === 'subject-line-management-recorded')
  @Matches(IDENT, { message: 'subjectId must name a subject of the matter' })
  subjectId?: string;

  @ApiPropertyOptional({ description: "With subject-line-management-recorded: the subject's unit" })
  @IsOptional() @IsString() @MinLength(1) @MaxLength(200)
  unit?: string;

  @ApiPropertyOptional({ description: "With subject-line-management-recorded: the subject's line managers, nearest first" })
  @IsOptional() @IsArray() @ArrayMaxSize(20) @Matches(IDENT, { each: true, message: 'lineManagers must be ids of 1-64 letters, digits, dots, dashes or underscores' })
  lineManagers?: string[];

  @ApiPropertyOptional({ type: () => AllegationDto, description: 'With allegation-added: the allegation' })
  @ValidateIf((o) => o.event === 'allegation-added')
  @IsDefined() @ValidateNested() @Type(() => AllegationDto)
  allegation?: AllegationDto;
  @ApiPropertyOptional({ type: [OfficerCopyDto], description: "With timeliness-report-sent: for each subject, whether their copy was sent or withheld under the harm test (CR reg 19(4))" })
  @ValidateIf((o) => o.event === 'timeliness-report-sent' && o.officerCopies !== undefined)
  @IsArray() @ArrayMaxSize(100) @ValidateNested({ each: true }) @Type(() => OfficerCopyDto)
  officerCopies?: OfficerCopyDto[];
}

export class ListMattersQuery {
  @ApiPropertyOptional() @IsOptional() @Matches(IDENT) forceId?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(64) stage?: string;
  @ApiPropertyOptional({ enum: MATTER_KINDS }) @IsOptional() @IsIn(MATTER_KINDS) kind?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(40) warrantNumber?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200) appropriateAuthority?: string;
  @ApiPropertyOptional({ description: "'me', 'unallocated' (no case officer), or a person's user id: matters where they are the case officer (of the matter or a subject) or the investigator" })
  @IsOptional() @IsString() @MaxLength(200) allocatedTo?: string;
  @ApiPropertyOptional() @IsOptional() @Type(() => Number) @IsInt() @Min(0) @Max(3650) dueWithinDays?: number;
  @ApiPropertyOptional() @IsOptional() @IsIn(['true', 'false']) overdue?: string;
  @ApiPropertyOptional({ default: 50 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500) limit?: number;
  @ApiPropertyOptional({ default: 0, description: 'Rows to skip; for deep pages follow `next` with `after` instead' })
  @IsOptional() @Type(() => Number) @IsInt() @Min(0) @Max(100_000) offset?: number;
  @ApiPropertyOptional({ description: 'The `next` cursor of the previous page: the page after it, newest first' })
  @IsOptional() @Matches(/^[A-Za-z0-9_-]{1,400}$/, { message: 'after must be the next cursor of a previous page' }) after?: string;
  @ApiPropertyOptional({ description: "'true' adds `total`, the exact count of matching matters (a second query; slower on a large caseload)" })
  @IsOptional() @IsIn(['true', 'false']) total?: string;
}
