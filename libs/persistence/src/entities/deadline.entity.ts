import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A statutory or target deadline as the workflow set it. The due date is stored, never recomputed. */
@Entity({ name: 'deadline' })
@Index(['status', 'dueAt'])
export class DeadlineEntity {
  @PrimaryColumn({ name: 'workflow_id', type: 'text' })
  workflowId!: string;

  @PrimaryColumn({ type: 'text' })
  key!: string;

  @Index()
  @Column({ name: 'matter_reference', type: 'text' })
  matterReference!: string;

  @Column({ name: 'subject_id', type: 'text', nullable: true })
  subjectId!: string | null;

  @Column({ name: 'rule_id', type: 'text' })
  ruleId!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text' })
  regulation!: string;

  @Column({ name: 'due_date', type: 'date' })
  dueDate!: string;

  @Column({ name: 'due_at', type: 'timestamptz' })
  dueAt!: Date;

  @Column({ type: 'text' })
  status!: string;

  @Column({ type: 'jsonb', default: () => "'[]'::jsonb" })
  extensions!: unknown[];
}
