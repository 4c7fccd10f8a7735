import { describe, expect, it } from 'vitest';
import { MAP_TYPES } from '../../../../shared/model/schema.js';
import { TEMPLATE_IDS } from '../../../../shared/model/templates.js';
import { MAP_TYPE_LABELS, mapTypeLabel } from '../../../../client/src/ui/mapTypes.js';

describe('map type labels', () => {
  it('labels every map type the schema knows', () => {
    expect(Object.keys(MAP_TYPE_LABELS).sort()).toEqual([...MAP_TYPES].sort());
    expect(mapTypeLabel('current-state')).toBe('Current state');
    expect(mapTypeLabel('future-state')).toBe('Future state');
    expect(mapTypeLabel('day-in-the-life')).toBe('Day in the life');
    expect(mapTypeLabel('service-blueprint')).toBe('Service blueprint');
  });

  it('makes a readable label for a type from a newer server', () => {
    expect(mapTypeLabel('empathy-map')).toBe('Empathy map');
    expect(mapTypeLabel('')).toBe('Journey map');
  });

  it('does not treat inherited object keys as map types', () => {
    expect(mapTypeLabel('constructor')).toBe('Constructor');
    expect(mapTypeLabel('toString')).toBe('ToString');
  });

  it('has a template for every map type', () => {
    expect([...TEMPLATE_IDS].sort()).toEqual([...MAP_TYPES].sort());
  });
});
