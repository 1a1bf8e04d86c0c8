import { Sql } from './sql';

/**
 * The SQL of `allegation` and `allegation_subject`: a matter's allegations as its workflow holds them, and the
 * finding on each for each subject, as the subject's outcome records it. Written only by the projection.
 */

export interface AllegationRow {
  id: string;
  alleged: string;
  subjectIds: string[];
  category: string;
  standards: string[];
}

export interface AllegationFindingRow {
  allegationId: string;
  finding: string;
}

/**
 * Writes the matter's allegations. Allegations are only ever added, so a row once written stands (a retried or
 * older write changes nothing), and a finding already recorded is never touched.
 */
export async function upsertAllegations(sql: Sql, matterReference: string, allegations: readonly AllegationRow[]): Promise<void> {
  for (const a of allegations) {
    await sql.query(
      `INSERT INTO allegation (matter_reference, allegation_id, alleged, category, standards) VALUES ($1,$2,$3,$4,$5)
       ON CONFLICT (matter_reference, allegation_id) DO NOTHING`,
      [matterReference, a.id, a.alleged, a.category, a.standards],
    );
    await sql.query(
      `INSERT INTO allegation_subject (matter_reference, allegation_id, subject_id) SELECT $1, $2, unnest($3::text[])
       ON CONFLICT DO NOTHING`,
      [matterReference, a.id, a.subjectIds],
    );
  }
}

/** The findings an outcome records for one subject, on the day it was decided (a later outcome, on appeal, replaces them). */
export async function recordAllegationFindings(sql: Sql, matterReference: string, subjectId: string, on: string, findings: readonly AllegationFindingRow[]): Promise<void> {
  for (const f of findings) {
    await sql.query(
      `UPDATE allegation_subject SET finding = $4, finding_on = $5 WHERE matter_reference = $1 AND allegation_id = $2 AND subject_id = $3`,
      [matterReference, f.allegationId, subjectId, f.finding, on],
    );
  }
}

export interface MatterAllegation extends AllegationRow {
  findings: { subjectId: string; finding: string | null; findingOn: string | null }[];
}

/** A matter's allegations, in the order recorded, each with whom it is against and the finding on each. */
export async function findAllegations(sql: Sql, matterReference: string): Promise<MatterAllegation[]> {
  const rows: { allegation_id: string; alleged: string; category: string; standards: string[]; subjects: { subjectId: string; finding: string | null; findingOn: string | null }[] }[] = await sql.query(
    `SELECT a.allegation_id, a.alleged, a.category, a.standards,
            coalesce(json_agg(json_build_object('subjectId', s.subject_id, 'finding', s.finding, 'findingOn', s.finding_on) ORDER BY s.subject_id)
                     FILTER (WHERE s.subject_id IS NOT NULL), '[]') AS subjects
       FROM allegation a LEFT JOIN allegation_subject s ON s.matter_reference = a.matter_reference AND s.allegation_id = a.allegation_id
      WHERE a.matter_reference = $1
      GROUP BY a.matter_reference, a.allegation_id, a.alleged, a.category, a.standards, a.recorded_at
      ORDER BY a.recorded_at, a.allegation_id`,
    [matterReference],
  );
  return rows.map((r) => ({
    id: r.allegation_id,
    alleged: r.alleged,
    category: r.category,
    standards: r.standards,
    subjectIds: r.subjects.map((s) => s.subjectId),
    findings: r.subjects,
  }));
}
