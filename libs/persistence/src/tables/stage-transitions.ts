import { Sql } from './sql';

/** The SQL of `stage_transition`: when each subject entered each stage (read by the time-in-stage report). */

/** At when it happened in the world (the event's occurredAt), or now; written once per revision. */
export async function recordStageTransition(
  sql: Sql,
  t: { matterReference: string; subjectId: string; fromStage: string | null; toStage: string; at: string | null; revision: number },
): Promise<void> {
  await sql.query(
    `INSERT INTO stage_transition (matter_reference, subject_id, from_stage, to_stage, at, revision)
     VALUES ($1, $2, $3, $4, COALESCE($5::timestamptz, now()), $6) ON CONFLICT DO NOTHING`,
    [t.matterReference, t.subjectId, t.fromStage, t.toStage, t.at, t.revision],
  );
}
