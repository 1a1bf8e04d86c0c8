import { BadRequestException, ConflictException } from '@nestjs/common';
import { checkPersonMatches, deriveFromEarlierOutcomes, personKeyOf, settleFinalWrittenWarning, type IsoDate, type SubjectKind } from '@conduct/domain';
import { findPeopleByNumbers, findPersonByNumber, findPersonSubjects, type Sql } from '@conduct/persistence';

interface ReferredSubject {
  subjectId: string;
  kind: SubjectKind;
  warrantNumber?: string;
  finalWrittenWarningLive?: boolean;
  finalWrittenWarningLiveSource?: string;
}

/**
 * Before a referral is started: each subject with a number is matched to the person of the force (read only; the
 * projection creates or links the person when it writes the subject's row), and whether a final written warning is
 * live is taken from the person's earlier outcomes this engine recorded (CR reg 42(5)). Refused, before anything is
 * recorded: an ambiguous match (409), two subjects giving one person (400), a tick without its source (400).
 */
export async function settleReferralPeople<S extends ReferredSubject>(db: Sql, forceId: string, receivedOn: IsoDate, subjects: readonly S[]): Promise<S[]> {
  const keys = subjects.map((s) => personKeyOf(forceId, s));
  const known = await findPeopleByNumbers(db, forceId, [...new Set(keys.flatMap((k) => (k ? [k.number] : [])))]);
  const refusal = checkPersonMatches(forceId, subjects, known.map((p) => ({ forceId: p.forceId, numberKind: p.numberKind as never, number: p.number })));
  if (refusal) {
    const body = { message: refusal.reason, field: refusal.field, rule: refusal.rule };
    throw refusal.status === 400 ? new BadRequestException(body) : new ConflictException(body);
  }
  const settled: S[] = [];
  for (const [i, s] of subjects.entries()) {
    const key = keys[i];
    const person = key ? await findPersonByNumber(db, key.forceId, key.numberKind, key.number) : undefined;
    const earlier = person ? await findPersonSubjects(db, person.id) : [];
    const derived = deriveFromEarlierOutcomes(earlier, receivedOn);
    const warning = settleFinalWrittenWarning(i, s.finalWrittenWarningLive, s.finalWrittenWarningLiveSource, derived);
    if ('refused' in warning) throw new BadRequestException({ message: warning.refused.reason, field: warning.refused.field, rule: warning.refused.rule, regulation: warning.refused.regulation });
    settled.push({
      ...s,
      finalWrittenWarningLive: warning.finalWrittenWarningLive,
      ...(warning.source === 'engine-records' ? { finalWrittenWarningLiveSource: 'engine-records', finalWrittenWarningLiveFrom: derived.liveWarning } : {}),
      ...(warning.source === 'recorded-before-the-engine' ? { finalWrittenWarningLiveSource: warning.sourceDetail } : {}),
    });
  }
  return settled;
}
