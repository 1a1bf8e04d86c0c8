import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { MatterEntity } from './matter.entity';

/** One subject (officer or member of staff) of a matter, and where their own track has reached. */
@Entity({ name: 'subject' })
export class SubjectEntity {
  @PrimaryColumn({ name: 'matter_reference', type: 'text' })
  matterReference!: string;

  @PrimaryColumn({ name: 'subject_id', type: 'text' })
  subjectId!: string;

  @ManyToOne(() => MatterEntity, (m) => m.subjects, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'matter_reference' })
  matter?: MatterEntity;

  @Column({ name: 'workflow_id', type: 'text' })
  workflowId!: string;

  @Column({ type: 'text' })
  kind!: string;

  @Column({ type: 'text', nullable: true })
  rank!: string | null;

  @Index()
  @Column({ name: 'warrant_number', type: 'text', nullable: true })
  warrantNumber!: string | null;

  @Index()
  @Column({ type: 'text' })
  stage!: string;

  @Column({ type: 'text', nullable: true })
  severity!: string | null;

  @Column({ name: 'case_to_answer', type: 'text', nullable: true })
  caseToAnswer!: string | null;

  @Column({ name: 'form_of_proceedings', type: 'text', nullable: true })
  formOfProceedings!: string | null;

  @Index()
  @Column({ type: 'text', nullable: true })
  outcome!: string | null;

  @Column({ name: 'closed_because', type: 'text', nullable: true })
  closedBecause!: string | null;

  /** Facts about the subject that are not searched on (suspension, hold, former officer...). */
  @Column({ type: 'jsonb', default: () => "'{}'::jsonb" })
  status!: Record<string, unknown>;

  @Column({ type: 'integer' })
  revision!: number;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
