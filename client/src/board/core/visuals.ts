import type { Rating } from '../../../../shared/model/metricAlerts.js';
import type { LaneKind, MetricKey } from '../../../../shared/model/schema.js';

/** How each lane kind looks: an icon, a label, a tint for its row and its cards. */
export const LANE_STYLE: Record<
  LaneKind,
  { icon: string; label: string; tint: string; card: string }
> = {
  touchpoints: { icon: '📍', label: 'Touchpoints', tint: '#eef2ff', card: '#ffffff' },
  goals: { icon: '🎯', label: 'Customer goals', tint: '#ecfdf5', card: '#ffffff' },
  actions: { icon: '👣', label: 'Actions', tint: '#f0f9ff', card: '#ffffff' },
  emotions: { icon: '💗', label: 'Emotions', tint: '#fdf2f8', card: '#ffffff' },
  channels: { icon: '📡', label: 'Channels', tint: '#f5f3ff', card: '#ffffff' },
  painPoints: { icon: '⚠️', label: 'Pain points', tint: '#fef2f2', card: '#fee2e2' },
  opportunities: { icon: '💡', label: 'Opportunities', tint: '#f0fdf4', card: '#dcfce7' },
  metrics: { icon: '📊', label: 'CX metrics', tint: '#fffbeb', card: '#ffffff' },
  frontstage: { icon: '🧑‍💼', label: 'Frontstage', tint: '#eff6ff', card: '#ffffff' },
  backstage: { icon: '⚙️', label: 'Backstage', tint: '#f8fafc', card: '#ffffff' },
  support: { icon: '🧰', label: 'Support processes', tint: '#f4f4f5', card: '#ffffff' },
  text: { icon: '📝', label: 'Notes', tint: '#fafafa', card: '#ffffff' },
  storyboard: { icon: '🖼️', label: 'Storyboard', tint: '#f5f5f4', card: '#ffffff' },
};

/** Dark-theme row tints (the light ones would glare). */
export const LANE_TINT_DARK: Record<LaneKind, string> = {
  touchpoints: '#1d2140',
  goals: '#15291f',
  actions: '#152433',
  emotions: '#2c1a26',
  channels: '#221d3a',
  painPoints: '#331a1c',
  opportunities: '#17291c',
  metrics: '#2d2613',
  frontstage: '#172238',
  backstage: '#1c212b',
  support: '#222226',
  text: '#1f2128',
  storyboard: '#24221f',
};

/** Channel names we know an icon for; anything else shows a generic one. */
export const CHANNELS: Record<string, string> = {
  web: '🌐',
  email: '✉️',
  phone: '📞',
  chat: '💬',
  'in-app': '📱',
  app: '📱',
  store: '🏬',
  social: '📣',
  sms: '📨',
  field: '🚐',
  mail: '📮',
  partner: '🤝',
};
export const channelIcon = (channel: string | undefined) =>
  channel ? (CHANNELS[channel.toLowerCase()] ?? '🔗') : '';

export const EMOTION_FACES: Record<number, string> = {
  [-2]: '😣',
  [-1]: '🙁',
  0: '😐',
  1: '🙂',
  2: '😄',
};
export const EMOTION_LABELS: Record<number, string> = {
  [-2]: 'Very negative',
  [-1]: 'Negative',
  0: 'Neutral',
  1: 'Positive',
  2: 'Very positive',
};
export const faceFor = (score: number) => EMOTION_FACES[Math.round(score)] ?? '😐';

// The bands are shared (W296): the server judges alerts by them too.
export { formatMetric, rateMetric, type Rating } from '../../../../shared/model/metricAlerts.js';
export const RATING_COLOR: Record<Rating, string> = {
  good: '#15803d',
  fair: '#b45309',
  poor: '#b91c1c',
};

export const METRIC_LABEL: Record<MetricKey, string> = {
  csat: 'CSAT',
  ces: 'CES',
  fcr: 'FCR',
  nps: 'NPS',
  volume: 'Volume',
};
/** Badge labels short enough for a quarter of a card. */
export const METRIC_SHORT: Record<MetricKey, string> = {
  csat: 'CSAT',
  ces: 'CES',
  fcr: 'FCR',
  nps: 'NPS',
  volume: 'Vol',
};

/** Card colours offered in the palette (sticky-note hues with dark text for contrast). */
export const CARD_COLORS = [
  '#ffffff',
  '#fef3c7',
  '#fde68a',
  '#fee2e2',
  '#dcfce7',
  '#dbeafe',
  '#ede9fe',
  '#fce7f3',
];
