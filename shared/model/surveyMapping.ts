/**
 * The fields a survey CSV can feed and the guess of which header feeds which, for the mapping
 * dialog (`suggestMapping`) and the import (`readSurvey` in survey.ts).
 */

export const SURVEY_FIELDS = [
  'touchpoint',
  'stage',
  'channel',
  'csat',
  'ces',
  'resolved_first_contact',
  'date',
  'comment',
] as const;
export type SurveyField = (typeof SURVEY_FIELDS)[number];

/** Which CSV header feeds each field, e.g. `{ touchpoint: 'Touchpoint name', csat: 'Q1' }`. */
export type SurveyMapping = Partial<Record<SurveyField, string>>;

/** Lower case, accents and punctuation gone, single spaces: "Q1 – Satisfaction!" → "q1 satisfaction". */
export function normalizeName(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

const SYNONYMS: Record<SurveyField, readonly string[]> = {
  touchpoint: ['touchpoint', 'touch point', 'touchpoint name', 'interaction', 'journey step'],
  stage: ['stage', 'journey stage', 'phase', 'lifecycle stage'],
  channel: ['channel', 'contact channel', 'medium'],
  csat: ['csat', 'customer satisfaction', 'satisfaction', 'csat score'],
  ces: ['ces', 'customer effort', 'customer effort score', 'effort', 'ease'],
  resolved_first_contact: [
    'resolved first contact',
    'resolved on first contact',
    'first contact resolution',
    'fcr',
    'resolved',
  ],
  date: ['date', 'response date', 'survey date', 'contact date', 'submitted'],
  comment: ['comment', 'comments', 'verbatim', 'feedback', 'free text', 'open text', 'remarks'],
};

/**
 * Guesses the mapping from header names: first exact matches of a normalised header with a
 * field's name or synonym, then headers that contain one as whole words ("Q1 satisfaction").
 * Each header feeds at most one field and each field reads at most one header.
 */
export function suggestMapping(headers: readonly string[]): SurveyMapping {
  const names = headers.map(normalizeName);
  const mapping: SurveyMapping = {};
  const used = new Set<number>();
  const assign = (matches: (name: string, synonym: string) => boolean) => {
    for (const field of SURVEY_FIELDS) {
      if (mapping[field] !== undefined) continue;
      const index = names.findIndex(
        (name, i) =>
          !used.has(i) && [normalizeName(field), ...SYNONYMS[field]].some((s) => matches(name, s)),
      );
      if (index >= 0) {
        used.add(index);
        mapping[field] = headers[index]!.trim();
      }
    }
  };
  assign((name, synonym) => name === synonym);
  assign((name, synonym) => ` ${name} `.includes(` ${synonym} `));
  return mapping;
}
