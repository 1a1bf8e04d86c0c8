import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString } from 'class-validator';
import { CHARACTERISTICS_SOURCE_MAX, ETHNICITY_CODES, ETHNICITY_SOURCE, SEX_CODES, SEX_SOURCE } from '@conduct/domain';

/**
 * A person's protected characteristics (Equality Act 2010 s.4) as the Home Office's return asks for them. The values
 * are checked by checkCharacteristics (libs/domain/src/characteristics.ts), which names the field at fault.
 */
export class PersonCharacteristicsDto {
  @ApiPropertyOptional({ enum: SEX_CODES, nullable: true, description: `Sex. ${SEX_SOURCE}` })
  @IsOptional() @IsString({ message: 'sex must be a string' })
  sex?: string | null;

  @ApiPropertyOptional({ enum: ETHNICITY_CODES, nullable: true, description: `Ethnicity: ${ETHNICITY_SOURCE}, or not-stated` })
  @IsOptional() @IsString({ message: 'ethnicity must be a string' })
  ethnicity?: string | null;

  @ApiPropertyOptional({ example: '1990-05-17', nullable: true, description: 'Date of birth, YYYY-MM-DD: the return asks for the age band on the day of the outcome' })
  @IsOptional() @IsString({ message: 'dateOfBirth must be a date as YYYY-MM-DD' })
  dateOfBirth?: string | null;

  @ApiProperty({ example: 'HR system export 2026-11', maxLength: CHARACTERISTICS_SOURCE_MAX, description: 'Where the values come from' })
  @IsString({ message: 'source must say where the values come from' })
  source!: string;
}
