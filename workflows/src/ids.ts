/** Workflow ids derive from the matter's reference, so referring the same reference twice is refused by Temporal itself. */
export function matterWorkflowId(reference: string): string {
  return `matter-${reference}`;
}

export function subjectWorkflowId(reference: string, subjectId: string): string {
  return `matter-${reference}-subject-${subjectId}`;
}

export function recommendationWorkflowId(reference: string): string {
  return `recommendation-${reference}`;
}
