/**
 * The signed-in boards page's filters (W155, W156): map type, persona, owner, and "Shared with
 * me".
 * In open mode the page shows none of it.
 */

import { MAP_TYPES, type MapType } from '../../../shared/model/schema.js';
import { MAP_TYPE_LABELS } from '../ui/mapTypes.js';
import type { BoardFacets } from './workspaces.js';

export function BoardFilters(props: {
  facets: BoardFacets;
  owners: readonly { id: string; name: string }[];
  personas: readonly string[];
  onChange(facets: BoardFacets): void;
}) {
  const { facets, onChange } = props;
  return (
    <div className="home-filters" role="group" aria-label="Filter maps">
      <button
        type="button"
        className={`btn home-filter-shared${facets.sharedOnly ? ' btn-primary' : ''}`}
        aria-pressed={facets.sharedOnly}
        onClick={() => onChange({ ...facets, sharedOnly: !facets.sharedOnly })}
        data-testid="filter-shared"
      >
        Shared with me
      </button>
      <FilterSelect
        label="Type"
        value={facets.mapType}
        anyLabel="Any"
        options={MAP_TYPES.map((type) => ({ value: type, label: MAP_TYPE_LABELS[type] }))}
        onChange={(mapType) => onChange({ ...facets, mapType: mapType as MapType | '' })}
        testId="filter-map-type"
      />
      {props.personas.length > 0 && (
        <FilterSelect
          label="Persona"
          value={facets.persona}
          anyLabel="Any"
          options={props.personas.map((name) => ({ value: name, label: name }))}
          onChange={(persona) => onChange({ ...facets, persona })}
          testId="filter-persona"
        />
      )}
      <FilterSelect
        label="Owner"
        value={facets.owner}
        anyLabel="Anyone"
        options={props.owners.map((owner) => ({ value: owner.id, label: owner.name }))}
        onChange={(owner) => onChange({ ...facets, owner })}
        testId="filter-owner"
      />
    </div>
  );
}

/** One labelled filter: "any" (the empty value) first, then the options. */
function FilterSelect(props: {
  label: string;
  value: string;
  anyLabel: string;
  options: readonly { value: string; label: string }[];
  onChange(value: string): void;
  testId: string;
}) {
  return (
    <label className="home-sort">
      <span className="home-sort-label">{props.label}</span>
      <select
        className="select home-sort-select"
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
        data-testid={props.testId}
      >
        <option value="">{props.anyLabel}</option>
        {props.options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </label>
  );
}
