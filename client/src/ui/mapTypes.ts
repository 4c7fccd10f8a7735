/** How map types read in the interface: the boards list, the board panel, table and exports. */

import type { MapType } from '../../../shared/model/schema.js';

export const MAP_TYPE_LABELS: Readonly<Record<MapType, string>> = {
  'current-state': 'Current state',
  'future-state': 'Future state',
  'day-in-the-life': 'Day in the life',
  'service-blueprint': 'Service blueprint',
};

export function isKnownMapType(value: string): value is MapType {
  return Object.hasOwn(MAP_TYPE_LABELS, value);
}

/** The pill label of a map type; an unknown (newer) type is shown as "Some new type". */
export function mapTypeLabel(mapType: string): string {
  if (isKnownMapType(mapType)) return MAP_TYPE_LABELS[mapType];
  const words = mapType.replace(/[-_]+/g, ' ').trim();
  return words ? words[0]!.toUpperCase() + words.slice(1) : 'Journey map';
}
