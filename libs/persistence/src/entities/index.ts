import { AuditEntryEntity } from './audit-entry.entity';
import { DeadlineEntity } from './deadline.entity';
import { DeliveryAttemptEntity } from './delivery-attempt.entity';
import { MatterEntity } from './matter.entity';
import { OutboxMessageEntity } from './outbox-message.entity';
import { SubjectEntity } from './subject.entity';

export { AuditEntryEntity, DeadlineEntity, DeliveryAttemptEntity, MatterEntity, OutboxMessageEntity, SubjectEntity };
export const ENTITIES = [MatterEntity, SubjectEntity, DeadlineEntity, AuditEntryEntity, OutboxMessageEntity, DeliveryAttemptEntity];
