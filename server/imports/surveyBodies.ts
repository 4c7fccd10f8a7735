import { z } from 'zod';
import type { SurveyField } from '../../shared/model/surveyMapping.js';

/** A blank header means "not mapped", as a dialog's empty choice sends it. */
const header = z.string().trim().max(500).optional();

/** Field → CSV header; every key of SurveyMapping in shared/model/surveyMapping.ts (checked). */
export const surveyMappingSchema = z.strictObject({
  touchpoint: header,
  stage: header,
  channel: header,
  csat: header,
  ces: header,
  resolved_first_contact: header,
  nps: header,
  volume: header,
  date: header,
  comment: header,
} satisfies Record<SurveyField, typeof header>);

export const surveyPreviewBody = z.strictObject({
  csv: z.string(),
  mapping: surveyMappingSchema.optional(),
  createMissing: z.boolean().optional(),
});

export const surveyImportBody = z.strictObject({
  csv: z.string(),
  mapping: surveyMappingSchema,
  source: z.string().trim().min(1, 'source must not be empty').max(200),
  maxQuotes: z.number().int().min(0).max(10).optional(),
  createMissing: z.boolean().optional(),
  /** Self-declared name for the activity feed (there are no accounts). */
  author: z.string().trim().min(1).max(100).optional(),
});
