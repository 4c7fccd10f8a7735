/** The example persona and scenario each template fills in when the form leaves them empty. */

import type { Persona } from '../../../shared/model/schema.js';
import type { TemplateContent, TemplateId } from '../../../shared/model/templates.js';
import { currentState } from '../../../shared/model/templates/current-state.js';
import { dayInTheLife } from '../../../shared/model/templates/day-in-the-life.js';
import { futureState } from '../../../shared/model/templates/future-state.js';
import { serviceBlueprint } from '../../../shared/model/templates/service-blueprint.js';

export interface TemplateExample {
  persona: Persona;
  scenario: string;
}

function example(content: TemplateContent): TemplateExample {
  return { persona: content.persona, scenario: content.scenario };
}

export const TEMPLATE_EXAMPLES: Readonly<Record<TemplateId, TemplateExample>> = {
  'current-state': example(currentState),
  'future-state': example(futureState),
  'day-in-the-life': example(dayInTheLife),
  'service-blueprint': example(serviceBlueprint),
};
