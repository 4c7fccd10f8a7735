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
  'nps',
  'volume',
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
  nps: ['nps', 'net promoter score', 'likelihood to recommend', 'recommend', 'nps score'],
  volume: [
    'volume',
    'contact volume',
    'contacts',
    'contact count',
    'number of contacts',
    'call volume',
    'ticket volume',
  ],
  date: ['date', 'response date', 'survey date', 'contact date', 'submitted'],
  comment: ['comment', 'comments', 'verbatim', 'feedback', 'free text', 'open text', 'remarks'],
};

/** A numeric answer scale named in a header, e.g. "(1-5)", "1–7", "0 to 10". */
export interface HeaderScale {
  min: number;
  max: number;
}

/** The answer scale each scored field takes (what readSurvey accepts). */
export const FIELD_SCALE: Partial<Record<SurveyField, HeaderScale>> = {
  csat: { min: 1, max: 5 },
  ces: { min: 1, max: 7 },
  nps: { min: 0, max: 10 },
};

/** The scale a header names, or null: "(1-5)" first, then a bare "1-7" / "0 to 10". */
export function headerScale(header: string): HeaderScale | null {
  const range = '(\\d{1,3})\\s*(?:-|–|—|to)\\s*(\\d{1,3})';
  const match =
    new RegExp(`[([]\\s*${range}\\s*[)\\]]`).exec(header) ??
    new RegExp(`(?:^|[\\s:,])${range}(?=$|[\\s?.,:;])`).exec(header);
  if (!match) return null;
  const [min, max] = [Number(match[1]), Number(match[2])];
  return min < max ? { min, max } : null;
}

/** What a column seems to measure: one of the importable metric fields. */
export type HeaderMetric = 'csat' | 'ces' | 'resolved_first_contact' | 'volume' | 'nps';

/** Word stems that give a header's meaning, tried in this order (NPS first: "recommend…"). */
const MEANINGS: readonly [HeaderMetric, RegExp][] = [
  ['nps', /\b(nps|recommend\w*|net promoter)\b/],
  ['csat', /\b(csat|satisf\w*)\b/],
  ['ces', /\b(ces|eas(y|e|ier|ily)|effort\w*)\b/],
  ['resolved_first_contact', /\b(fcr|resolv\w*|first (contact|call|time))\b/],
];

/** The metric a header's words name ("How satisfied were you?" → csat), or null. */
function meaningOf(name: string): HeaderMetric | null {
  for (const [metric, pattern] of MEANINGS) if (pattern.test(name)) return metric;
  return null;
}

/** The metric a bare scale suggests: 1–5 CSAT, 1–7 CES, 0–10 NPS. */
function metricOfScale(scale: HeaderScale | null): HeaderMetric | null {
  if (!scale) return null;
  for (const field of ['csat', 'ces'] as const) {
    const want = FIELD_SCALE[field]!;
    if (scale.min === want.min && scale.max === want.max) return field;
  }
  return scale.max === 10 && scale.min <= 1 ? 'nps' : null;
}

/** Whether a header's scale (if it names one) is the one the field reads. */
function scaleFits(field: SurveyField, scale: HeaderScale | null): boolean {
  const want = FIELD_SCALE[field];
  return !want || !scale || (scale.min === want.min && scale.max === want.max);
}

/**
 * What a column seems to measure, from its name (synonyms, then word stems such as satisf →
 * CSAT, easy/effort → CES, resolv → FCR, recommend → NPS) or else its scale hint; null for
 * anything else (touchpoint, comments, ids…).
 */
export function headerMetric(header: string): HeaderMetric | null {
  const name = normalizeName(header);
  for (const field of ['csat', 'ces', 'resolved_first_contact', 'nps', 'volume'] as const) {
    const words = [normalizeName(field), ...SYNONYMS[field]];
    if (words.some((w) => name === w || ` ${name} `.includes(` ${w} `))) return field;
  }
  return meaningOf(name) ?? metricOfScale(headerScale(header));
}

/**
 * Guesses the mapping from header names: first exact matches of a normalised header with a
 * field's name or synonym, then headers that contain one as whole words ("Q1 satisfaction"),
 * then headers whose words mean a metric ("Q1 How satisfied were you? (1-5)" → csat), then a
 * bare scale ("Q3 (1-7)" → ces). A scored field never takes a header naming another scale
 * ("Satisfaction (0-10)" is not CSAT, which reads 1–5). Each header feeds at most one field
 * and each field reads at most one header.
 */
export function suggestMapping(headers: readonly string[]): SurveyMapping {
  const names = headers.map(normalizeName);
  const scales = headers.map(headerScale);
  const mapping: SurveyMapping = {};
  const used = new Set<number>();
  const assign = (matches: (field: SurveyField, i: number) => boolean) => {
    for (const field of SURVEY_FIELDS) {
      if (mapping[field] !== undefined) continue;
      const index = names.findIndex(
        (_, i) => !used.has(i) && scaleFits(field, scales[i]!) && matches(field, i),
      );
      if (index >= 0) {
        used.add(index);
        mapping[field] = headers[index]!.trim();
      }
    }
  };
  const synonyms = (field: SurveyField) => [normalizeName(field), ...SYNONYMS[field]];
  assign((field, i) => synonyms(field).includes(names[i]!));
  assign((field, i) => synonyms(field).some((s) => ` ${names[i]} `.includes(` ${s} `)));
  assign((field, i) => meaningOf(names[i]!) === field);
  assign((field, i) => meaningOf(names[i]!) === null && metricOfScale(scales[i]!) === field);
  return mapping;
}

/** A column that looks like a metric but will not be imported as one, and why. */
export interface MappingWarning {
  /** The CSV header. */
  column: string;
  /** What it looks like. */
  metric: HeaderMetric;
  /** Complete, e.g. `Column "Q1 How satisfied…" looks like CSAT but is not used: …`. */
  message: string;
}

const METRIC_NAME: Record<HeaderMetric, string> = {
  csat: 'CSAT',
  ces: 'CES',
  resolved_first_contact: 'first-contact resolution (FCR)',
  volume: 'contact volume',
  nps: 'NPS',
};

const scaleText = (s: HeaderScale) => `${s.min}–${s.max}`;

/**
 * Columns that look like a metric (by name or scale) but that the mapping leaves unused, or
 * maps to a field whose scale their header contradicts: the import would silently skip them.
 */
export function mappingWarnings(
  headers: readonly string[],
  mapping: SurveyMapping,
): MappingWarning[] {
  const mappedTo = new Map<string, SurveyField>();
  for (const field of SURVEY_FIELDS) {
    const header = mapping[field]?.trim();
    if (header) mappedTo.set(header.toLowerCase(), field);
  }
  const warnings: MappingWarning[] = [];
  for (const raw of headers) {
    const column = raw.trim();
    if (!column) continue;
    const metric = headerMetric(column);
    const scale = headerScale(column);
    const quoted = JSON.stringify(column);
    const field = mappedTo.get(column.toLowerCase());
    if (field !== undefined) {
      const want = FIELD_SCALE[field];
      if (want && !scaleFits(field, scale)) {
        warnings.push({
          column,
          metric: field as HeaderMetric,
          message: `Column ${quoted} is used as ${METRIC_NAME[field as HeaderMetric]}, which takes answers ${scaleText(want)}, but its header says ${scaleText(scale!)}: check the answers, or leave it out.`,
        });
      }
      continue;
    }
    if (metric === null) continue;
    const name = METRIC_NAME[metric];
    const other = mapping[metric]?.trim();
    let message: string;
    if (other) {
      message = `Column ${quoted} looks like ${name}, but ${name} already reads ${JSON.stringify(other)}, so this column is not imported.`;
    } else if (!scaleFits(metric, scale)) {
      message = `Column ${quoted} looks like ${name}, but it is on a ${scaleText(scale!)} scale and ${name} takes answers ${scaleText(FIELD_SCALE[metric]!)}, so ${name} will not be imported.`;
    } else {
      message = `Column ${quoted} looks like ${name} but is not used, so ${name} will not be imported. Choose it for ${name} to import it.`;
    }
    warnings.push({ column, metric, message });
  }
  return warnings;
}
