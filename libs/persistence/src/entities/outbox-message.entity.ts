import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** An outgoing message (reminder, escalation, notice, list report), written with the fact that caused it. Status: pending, delivered or dead. */
@Entity({ name: 'outbox_message' })
@Index(['status', 'notBefore'])
export class OutboxMessageEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  /** matter, subject and purpose: the same message can never be queued twice. */
  @Index({ unique: true })
  @Column({ name: 'idempotency_key', type: 'text' })
  idempotencyKey!: string;

  @Index()
  @Column({ name: 'matter_reference', type: 'text' })
  matterReference!: string;

  @Column({ name: 'subject_id', type: 'text', nullable: true })
  subjectId!: string | null;

  @Column({ type: 'text' })
  purpose!: string;

  @Column({ type: 'text' })
  recipient!: string;

  @Column({ type: 'jsonb' })
  payload!: Record<string, unknown>;

  @Column({ type: 'text', default: 'pending' })
  status!: string;

  @Column({ type: 'integer', default: 0 })
  attempts!: number;

  @Column({ name: 'not_before', type: 'timestamptz', default: () => 'now()' })
  notBefore!: Date;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ name: 'delivered_at', type: 'timestamptz', nullable: true })
  deliveredAt!: Date | null;

  /** While set and in the future, one dispatcher holds the message; a crashed holder's lease lapses. */
  @Column({ name: 'lease_until', type: 'timestamptz', nullable: true })
  leaseUntil!: Date | null;

  /** A classification (`http-503`, `timeout`, `no-route`, `incomplete: fullName`), never a receiver's text. */
  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError!: string | null;

  @Column({ name: 'dead_at', type: 'timestamptz', nullable: true })
  deadAt!: Date | null;
}
