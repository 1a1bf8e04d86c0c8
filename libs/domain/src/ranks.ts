// Police ranks in order of seniority, as the panel and investigator rules compare them. The Metropolitan Police's
// titles stand beside the county forces' at the same step. A rank not in this list is not compared (unknown).

/** Lowest first; each step lists the titles that share it. */
export const RANK_STEPS: readonly (readonly string[])[] = [
  ['constable', 'pc', 'special constable'],
  ['sergeant', 'ps'],
  ['inspector'],
  ['chief inspector'],
  ['superintendent'],
  ['chief superintendent'],
  ['assistant chief constable', 'acc', 'commander'],
  ['deputy chief constable', 'dcc', 'deputy assistant commissioner'],
  ['chief constable', 'assistant commissioner'],
  ['deputy commissioner'],
  ['commissioner'],
];

/** The step of a rank (0 = constable), or undefined for a rank not recognised. */
export function rankStep(rank: string | undefined): number | undefined {
  if (!rank) return undefined;
  const r = rank.trim().toLowerCase();
  const i = RANK_STEPS.findIndex((titles) => titles.includes(r));
  return i < 0 ? undefined : i;
}

const SUPERINTENDENT = rankStep('superintendent')!;
const CHIEF_SUPERINTENDENT = rankStep('chief superintendent')!;
const CHIEF_CONSTABLE = rankStep('chief constable')!;

/** A senior officer: a rank above chief superintendent (CR reg 2(1), "senior officer"). */
export function isSeniorOfficer(rank: string | undefined): boolean {
  const step = rankStep(rank);
  return step !== undefined && step > CHIEF_SUPERINTENDENT;
}

/** A chief officer, the Deputy Commissioner or an Assistant Commissioner: their hearings are chaired by HMCIC or a nominated HMI (CR reg 2(4D) as inserted by SI 2024/521). */
export function isChiefOfficerRank(rank: string | undefined): boolean {
  const step = rankStep(rank);
  return step !== undefined && step >= CHIEF_CONSTABLE;
}

/** At least superintendent: the police member of a 2020 hearing panel (CR reg 28(2)(b) as made, [S]). */
export function isSuperintendentOrAbove(rank: string | undefined): boolean {
  const step = rankStep(rank);
  return step !== undefined && step >= SUPERINTENDENT;
}

/** Whether rank a is more senior than rank b (false where either is unknown). */
export function moreSeniorThan(a: string | undefined, b: string | undefined): boolean {
  const sa = rankStep(a);
  const sb = rankStep(b);
  return sa !== undefined && sb !== undefined && sa > sb;
}
