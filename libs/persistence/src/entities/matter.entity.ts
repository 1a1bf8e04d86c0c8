import { Column, CreateDateColumn, Entity, Index, OneToMany, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { SubjectEntity } from './subject.entity';

/** What people search and report on for a matter. Written only by the worker's activities; Temporal is the source of truth. */
@Entity({ name: 'matter' })
export class MatterEntity {
  @PrimaryColumn({ type: 'text' })
  reference!: string;

  @Column({ name: 'workflow_id', type: 'text' })
  workflowId!: string;

  @Index()
  @Column({ type: 'text' })
  kind!: string;

  @Column({ type: 'text' })
  regime!: string;

  @Index()
  @Column({ name: 'force_id', type: 'text' })
  forceId!: string;

  @Index()
  @Column({ type: 'text' })
  stage!: string;

  @Column({ name: 'appropriate_authority', type: 'text' })
  appropriateAuthority!: string;

  @Column({ name: 'iopc_referral_required', type: 'boolean', default: false })
  iopcReferralRequired!: boolean;

  @Column({ name: 'mode_of_investigation', type: 'text', nullable: true })
  modeOfInvestigation!: string | null;

  @Column({ name: 'received_on', type: 'date' })
  receivedOn!: string;

  /** Only a later revision of the workflow's state may overwrite an earlier one. */
  @Column({ type: 'integer' })
  revision!: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  @OneToMany(() => SubjectEntity, (s) => s.matter)
  subjects?: SubjectEntity[];
}
