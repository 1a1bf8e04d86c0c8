// @conduct/domain: pure and deterministic, safe inside Temporal workflows. It imports nothing but
// its own files. The working-day calendar is a separate entry, @conduct/domain/calendar.
export * from './time';
export * from './kinds';
export * from './rules/deadlines';
export * from './rules/rule-sets';
export * from './outcomes';
export * from './routing';
export * from './stages';
export * from './grants';
export * from './reporting';
export * from './list-reports';
export * from './matter-duties';
export * from './recording';
export * from './ranks';
export * from './panels';
export * from './early-intervention';
export * from './investigator';
export * from './reflective-practice';
export * from './people';
export * from './confidential-reports';
export * from './vetting';
// Allegations and their IOPC categories (issue 15).
export * from './allegations';
export * from './allocation';
// Protected characteristics of a person, for the Home Office's return (Equality Act 2010 s.4).
export * from './characteristics';
