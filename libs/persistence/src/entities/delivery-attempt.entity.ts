import { Column, Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';

/** One attempt to deliver an outbox message: started, then delivered, failed, refused, or interrupted (its dispatcher died). */
@Entity({ name: 'delivery_attempt' })
@Unique(['outboxMessageId', 'attempt'])
export class DeliveryAttemptEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ name: 'outbox_message_id', type: 'bigint' })
  outboxMessageId!: string;

  @Column({ type: 'integer' })
  attempt!: number;

  @Column({ type: 'text' })
  channel!: string;

  @Column({ name: 'started_at', type: 'timestamptz', default: () => 'now()' })
  startedAt!: Date;

  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt!: Date | null;

  @Column({ type: 'text', nullable: true })
  outcome!: string | null;

  @Column({ type: 'text', nullable: true })
  error!: string | null;
}
