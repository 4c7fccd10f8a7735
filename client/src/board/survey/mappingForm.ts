/**
 * The header-mapping step of the survey import, as plain data: one chosen CSV header per field
 * (`''` = not mapped), seeded from the server's guess and carried over when a corrected file
 * with the same columns replaces the first one.
 */
import {
  SURVEY_FIELDS,
  type SurveyField,
  type SurveyMapping,
} from '../../../../shared/model/surveyMapping.js';

export type MappingForm = Record<SurveyField, string>;

export const FIELD_LABEL: Record<SurveyField, string> = {
  touchpoint: 'Touchpoint',
  stage: 'Stage',
  channel: 'Channel',
  csat: 'CSAT (1–5)',
  ces: 'CES (1–7)',
  resolved_first_contact: 'Resolved on first contact',
  nps: 'NPS (0–10)',
  volume: 'Contact volume',
  date: 'Date',
  comment: 'Comment',
};

export const FIELD_HINT: Record<SurveyField, string> = {
  touchpoint: 'Required: matched to touchpoint cards by name',
  stage: 'Narrows the match to one stage',
  channel: 'Kept with the row, not written to cards',
  csat: '4 and 5 count as satisfied',
  ces: 'Mean effort score; higher is easier',
  resolved_first_contact: 'yes / no, true / false, 1 / 0',
  nps: '% of 9–10 (promoters) − % of 0–6 (detractors)',
  volume: 'Contacts per row, summed per card; responses alone are not volume',
  date: 'yyyy-mm-dd; dates the evidence',
  comment: 'Up to 3 per card become quotes',
};

/** The server's suggestion, limited to headers the file has. */
export function initialMapping(headers: readonly string[], suggested: SurveyMapping): MappingForm {
  const present = new Set(headers);
  const form = {} as MappingForm;
  for (const field of SURVEY_FIELDS) {
    const header = suggested[field];
    form[field] = header !== undefined && present.has(header) ? header : '';
  }
  return form;
}

/**
 * The mapping for a replacement file: choices whose header still exists are kept (including a
 * deliberate "not mapped"), the rest fall back to the suggestion for the new headers.
 */
export function carryMapping(
  previous: MappingForm,
  headers: readonly string[],
  suggested: SurveyMapping,
): MappingForm {
  const present = new Set(headers);
  const fallback = initialMapping(headers, suggested);
  const form = {} as MappingForm;
  for (const field of SURVEY_FIELDS) {
    const chosen = previous[field];
    form[field] = chosen === '' || present.has(chosen) ? chosen : fallback[field];
  }
  return form;
}

/** What stops the preview: no touchpoint column, or one column feeding two fields. */
export function mappingProblems(form: MappingForm): string[] {
  const problems: string[] = [];
  if (form.touchpoint === '') problems.push('Choose the column that names the touchpoint.');
  const seen = new Map<string, SurveyField>();
  for (const field of SURVEY_FIELDS) {
    const header = form[field];
    if (header === '') continue;
    const first = seen.get(header);
    if (first)
      problems.push(
        `"${header}" feeds both ${FIELD_LABEL[first]} and ${FIELD_LABEL[field]}; pick one.`,
      );
    else seen.set(header, field);
  }
  return problems;
}

/** The request body's mapping: unmapped fields left out. */
export function toRequestMapping(form: MappingForm): SurveyMapping {
  const mapping: SurveyMapping = {};
  for (const field of SURVEY_FIELDS) if (form[field] !== '') mapping[field] = form[field];
  return mapping;
}

/** "survey-q3-2024.csv" → "survey-q3-2024": the evidence source written on cards. */
export function sourceFromFileName(name: string): string {
  const base = name.replace(/^.*[\\/]/, '').replace(/\.(csv|tsv|txt)$/i, '');
  return base.trim().slice(0, 200);
}

/** Per column, the first non-blank value of the sample rows: shown beside each choice. */
export function columnExamples(
  headers: readonly string[],
  sample: readonly { values: readonly string[] }[],
): string[] {
  return headers.map((_, i) => {
    const value = sample.map((row) => row.values[i]?.trim() ?? '').find((v) => v !== '');
    return value === undefined ? '' : value.length > 60 ? `${value.slice(0, 59)}…` : value;
  });
}
