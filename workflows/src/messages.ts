import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type {
  DecisionCommand,
  EventCommand,
  ExtensionCommand,
  CommandBase,
  MatterDecisionCommand,
  MatterEventCommand,
  MatterView,
  RecommendationView,
  SubjectView,
} from './types';

/** Messages are defined once, here, and shared by the API (client) and the workflows. */

// A subject's own track (officer-proceedings).
export const recordDecision = defineUpdate<SubjectView, [DecisionCommand]>('recordDecision');
export const recordEvent = defineUpdate<SubjectView, [EventCommand]>('recordEvent');
export const extendDeadline = defineUpdate<SubjectView, [ExtensionCommand]>('extendDeadline');
export const subjectState = defineQuery<SubjectView>('subjectState');

// The matter as a whole.
export const recordMatterDecision = defineUpdate<MatterView, [MatterDecisionCommand]>('recordMatterDecision');
export const recordMatterEvent = defineUpdate<MatterView, [MatterEventCommand]>('recordMatterEvent');
export const extendMatterDeadline = defineUpdate<MatterView, [ExtensionCommand]>('extendMatterDeadline');
/** Answers once the referral is in the projection, so the API can reply with a matter people can find. */
export const referralRecorded = defineUpdate<MatterView, []>('referralRecorded');
export const matterState = defineQuery<MatterView>('matterState');
/**
 * From a subject's workflow to its matter: this subject's track is closed, and later, finished (its
 * warnings expired and its list reports sent). The matter keeps running until every subject has finished.
 */
export const subjectClosed = defineSignal<[{ subjectId: string; outcome: string | null; closedBecause: string | null; closedOn?: string | null; finished?: boolean }]>('subjectClosed');

// An IOPC recommendation.
export const recordRecommendationResponse = defineUpdate<RecommendationView, [CommandBase & { accepted: boolean; summary: string }]>('recordRecommendationResponse');
export const recordRecommendationPublished = defineUpdate<RecommendationView, [CommandBase]>('recordRecommendationPublished');
export const extendRecommendationDeadline = defineUpdate<RecommendationView, [ExtensionCommand]>('extendRecommendationDeadline');
export const recommendationState = defineQuery<RecommendationView>('recommendationState');
