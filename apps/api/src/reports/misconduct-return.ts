import { Injectable, ServiceUnavailableException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'crypto';
import { DataSource } from 'typeorm';
import { setting } from '@conduct/config';
import { READ_GRANTS, type Role } from '@conduct/domain';
import { appendPersonRead, findPersonCharacteristics, misconductReturnRows } from '@conduct/persistence';
import { User, visibleForces } from '../auth/user';
import { openCharacteristics, type CharacteristicValues } from '../people/characteristics';
import { TemporalClientProvider } from '../temporal/temporal-client.provider';
import { subjectCharacteristics, type MisconductReturnRow } from './returns';

/**
 * The Home Office's case-level misconduct return, with each subject's protected characteristics as the return asks
 * them (sex, ethnic group, age band on the outcome's day). The characteristics are a person's record: only its readers
 * (READ_GRANTS.person) see them, each subject whose characteristics the return opens is a `person-read` audit line on
 * that matter, written in the return's transaction; anyone else who reads reports gets `withheld` in those columns.
 */
@Injectable()
export class MisconductReturn {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly temporal: TemporalClientProvider,
  ) {}

  rows(user: User, from: string, to: string, requestId: string | null): Promise<MisconductReturnRow[]> {
    return this.db.transaction(async (tx) => {
      const rows = await misconductReturnRows(tx, visibleForces(user), from, to);
      if (!(READ_GRANTS.person.roles as readonly Role[]).includes(user.role)) return rows.map((r) => ({ ...r, characteristics: 'withheld' as const }));
      const sealed = await findPersonCharacteristics(tx, [...new Set(rows.flatMap((r) => (r.personId ? [r.personId] : [])))]);
      const codec = this.temporal.codec;
      if (sealed.length && !codec) {
        throw new ServiceUnavailableException({ message: 'the return cannot open the protected characteristics: this service has no PAYLOAD_ENCRYPTION_KEYS', field: 'characteristics', setting: 'PAYLOAD_ENCRYPTION_KEYS' });
      }
      const opened = new Map<string, CharacteristicValues>();
      for (const s of sealed) opened.set(s.personId, await openCharacteristics(codec!, s.sealed, s.keyId));
      const readId = randomUUID();
      for (const r of rows.filter((r) => r.personId && opened.has(r.personId))) {
        await appendPersonRead(tx, {
          readId: `${readId}:${r.matterReference}:${r.subjectId}`, personId: r.personId!, matters: [{ matterReference: r.matterReference, subjectId: r.subjectId }],
          actor: user.id, actorRole: user.role, regulation: "the Home Office's misconduct return (protected characteristics)", details: { requestId, report: 'home-office-misconduct', from, to },
        });
      }
      const bands = setting('HOME_OFFICE_AGE_BANDS');
      return rows.map((r) => ({ ...r, characteristics: subjectCharacteristics(r.personId ? opened.get(r.personId) : undefined, r.outcomeOn, bands) }));
    });
  }
}
