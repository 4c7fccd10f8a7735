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
      <label className="home-sort">
        <span className="home-sort-label">Type</span>
        <select
          className="select home-sort-select"
          value={facets.mapType}
          onChange={(e) => onChange({ ...facets, mapType: e.target.value as MapType | '' })}
          data-testid="filter-map-type"
        >
          <option value="">Any</option>
          {MAP_TYPES.map((type) => (
            <option key={type} value={type}>
              {MAP_TYPE_LABELS[type]}
            </option>
          ))}
        </select>
      </label>
      {props.personas.length > 0 && (
        <label className="home-sort">
          <span className="home-sort-label">Persona</span>
          <select
            className="select home-sort-select"
            value={facets.persona}
            onChange={(e) => onChange({ ...facets, persona: e.target.value })}
            data-testid="filter-persona"
          >
            <option value="">Any</option>
            {props.personas.map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </select>
        </label>
      )}
      <label className="home-sort">
        <span className="home-sort-label">Owner</span>
        <select
          className="select home-sort-select"
          value={facets.owner}
          onChange={(e) => onChange({ ...facets, owner: e.target.value })}
          data-testid="filter-owner"
        >
          <option value="">Anyone</option>
          {props.owners.map((owner) => (
            <option key={owner.id} value={owner.id}>
              {owner.name}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}
