import { Injectable, ServiceUnavailableException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'crypto';
import { DataSource } from 'typeorm';
import { setting } from '@conduct/config';
import { readsPersonRecords } from '@conduct/domain';
import { englandAndWalesCalendar } from '@conduct/domain/calendar';
import { appendPersonRead, complaintAllegationRows, findPersonCharacteristics, misconductReturnRows } from '@conduct/persistence';
import { User, visibleForces } from '../auth/user';
import { openCharacteristics, type CharacteristicValues } from '../people/characteristics';
import { TemporalClientProvider } from '../temporal/temporal-client.provider';
import { toCsv } from './report-data';
import {
  allegationsByCategory,
  CATEGORY_TOTAL_COLUMNS,
  COMPLAINT_ALLEGATION_COLUMNS,
  headerOnly,
  MISCONDUCT_RETURN_COLUMNS,
  returnRows,
  subjectCharacteristics,
  type MisconductReturnRow,
  type ReturnColumn,
} from './returns';

/** The returns, by the name the web interface downloads them by; the API serves each at a path of its own. */
export const RETURNS = {
  'home-office-misconduct': {
    title: "Home Office: case-level police misconduct return",
    summary: 'One row per subject whose outcome was decided in the period: the proceedings, the outcome, suspension, the appeal, the allegations and the protected characteristics.',
  },
  'iopc-complaints': {
    title: "IOPC: complaints data, allegations by category and timeliness",
    summary: 'One row per allegation and subject on the complaints received in the period, with its category, the finding and the working days to it.',
  },
  'iopc-complaints-by-category': {
    title: 'IOPC: allegations by category',
    summary: 'The allegations on the complaints received in the period summed by category, with those finalised and the mean working days to finalise.',
  },
} as const;
export type ReturnName = keyof typeof RETURNS;
export const RETURN_NAMES = Object.keys(RETURNS) as ReturnName[];

/**
 * Each return as CSV for a period (both days included), over the forces the reader sees. The Home Office's carries
 * each subject's protected characteristics (sex, ethnic group, age band on the outcome's day): a person's record, so
 * only its readers (READ_GRANTS.person) see them, each subject whose characteristics are opened is a `person-read`
 * audit line on that matter in the return's transaction, and anyone else who reads reports gets `withheld`.
 */
@Injectable()
export class ReturnsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly temporal: TemporalClientProvider,
  ) {}

  async csv(name: ReturnName, user: User, from: string, to: string, requestId: string | null): Promise<string> {
    switch (name) {
      case 'home-office-misconduct':
        return asCsv(MISCONDUCT_RETURN_COLUMNS, await this.misconductRows(user, from, to, requestId));
      case 'iopc-complaints':
        return asCsv(COMPLAINT_ALLEGATION_COLUMNS, await complaintAllegationRows(this.db, visibleForces(user), from, to));
      case 'iopc-complaints-by-category': {
        const rows = await complaintAllegationRows(this.db, visibleForces(user), from, to);
        return asCsv(CATEGORY_TOTAL_COLUMNS, allegationsByCategory(rows, englandAndWalesCalendar()));
      }
    }
  }

  private misconductRows(user: User, from: string, to: string, requestId: string | null): Promise<MisconductReturnRow[]> {
    return this.db.transaction(async (tx) => {
      const rows = await misconductReturnRows(tx, visibleForces(user), from, to);
      if (!readsPersonRecords(user.role)) return rows.map((r) => ({ ...r, characteristics: 'withheld' as const }));
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

/** A return as CSV: its columns' header always, one line per row. */
function asCsv<Source>(columns: readonly ReturnColumn<Source>[], source: readonly Source[]): string {
  return source.length ? toCsv(returnRows(columns, source, englandAndWalesCalendar())) : headerOnly(columns);
}
