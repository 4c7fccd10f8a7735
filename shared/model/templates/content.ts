/**
 * The shape of a template's content, apart from the builder (templates.ts) so each template file
 * can be typed by it without importing the builder that imports it.
 */
import type { Evidence, LaneKind, Metrics, Persona } from '../schema.js';

/**
 * Sample evidence, dated `daysAgo` days before the day the board is created: fixed dates would
 * make every new board open with "stale" warnings once those dates are old.
 */
export type TemplateEvidence = Omit<Evidence, 'id' | 'date'> & { daysAgo?: number };

/** One card of template content; a bare string is a card with text only. */
export interface TemplateCard {
  text: string;
  color?: string;
  emotion?: number;
  channel?: string;
  metrics?: Metrics;
  tags?: readonly string[];
  evidence?: readonly TemplateEvidence[];
  /** The owning team and what the customer expected (W281, W282). */
  team?: string;
  expected?: number;
  expectation?: string;
}

/** The cards of one stage in a lane: none, one, or several (top to bottom). */
export type TemplateCell = string | TemplateCard | readonly (string | TemplateCard)[] | null;

export interface TemplateLane {
  name: string;
  kind: LaneKind;
  /** One cell per stage, in stage order. */
  cells: readonly TemplateCell[];
}

/** A template as plain data: the builder below turns it into model calls. */
export interface TemplateContent {
  name: string;
  description: string;
  persona: Persona;
  scenario: string;
  /** Stage names, left to right. */
  stages: readonly string[];
  /** Lanes, top to bottom. */
  lanes: readonly TemplateLane[];
}
