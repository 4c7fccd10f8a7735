import { TEMPLATES, type TemplateId } from '../../../shared/model/templates.js';
import { CloudOffIcon, RetryIcon, SearchIcon } from '../ui/icons.js';
import { MapThumb } from './MapThumb.js';
import './newBoard.css';

/** No maps on this device yet: start from a template, open a shared link or import a file. */
export function EmptyState({
  onPick,
  onImport,
  onOpenLink,
}: {
  onPick(template: TemplateId): void;
  onImport(): void;
  onOpenLink(): void;
}) {
  return (
    <section className="home-empty" aria-labelledby="home-empty-title" data-testid="boards-empty">
      <div className="home-empty-intro">
        <h2 id="home-empty-title">Create your first journey map</h2>
        <p className="muted">
          Start from a complete example (persona, stages, emotions, pain points and metrics), then
          make it yours. Share a link and people edit, comment or watch with you in real time.
        </p>
      </div>
      <ul className="home-empty-templates">
        {TEMPLATES.map((template) => (
          <li key={template.id}>
            <button
              type="button"
              className={`home-empty-tile mt-${template.id}`}
              onClick={() => onPick(template.id)}
              data-testid={`empty-template-${template.id}`}
            >
              <span className="home-empty-tile-thumb">
                <MapThumb mapType={template.id} />
              </span>
              <span className="home-empty-tile-body">
                <span className="home-empty-tile-name">{template.name}</span>
                <span className="home-empty-tile-description">{template.description}</span>
                <span className="home-empty-tile-cta">Use this template →</span>
              </span>
            </button>
          </li>
        ))}
      </ul>
      <p className="muted home-empty-import">
        Someone shared a map with you?{' '}
        <button type="button" className="home-link-button" onClick={onOpenLink}>
          Open their link
        </button>
        . Have an export from another journeyboard?{' '}
        <button type="button" className="home-link-button" onClick={onImport}>
          Import a JSON file
        </button>
      </p>
    </section>
  );
}

/** Every link failed for want of a connection: said once instead of on every card. */
export function UnreachableState({ problem, onRetry }: { problem?: string; onRetry(): void }) {
  return (
    <section className="home-state home-error" role="alert" aria-labelledby="home-error-title">
      <span className="home-state-icon">
        <CloudOffIcon width={28} height={28} />
      </span>
      <h2 id="home-error-title">Can’t reach the server</h2>
      <p className="muted">{problem}</p>
      <button type="button" className="btn btn-primary" onClick={onRetry} data-testid="retry-load">
        <RetryIcon />
        Retry
      </button>
    </section>
  );
}

export function NoResults({ query, onClear }: { query: string; onClear(): void }) {
  return (
    <section className="home-state home-no-results">
      <span className="home-state-icon">
        <SearchIcon width={28} height={28} />
      </span>
      <h2>No maps match “{query.trim()}”</h2>
      <p className="muted">Search looks at titles. Try fewer or different words.</p>
      <button type="button" className="btn" onClick={onClear}>
        Clear search
      </button>
    </section>
  );
}

/** The filters (map type, owner, shared) leave nothing in this workspace. */
export function NoFilteredMaps({ shared, onClear }: { shared: boolean; onClear(): void }) {
  return (
    <section className="home-state home-no-results" data-testid="no-filtered-maps">
      <span className="home-state-icon">
        <SearchIcon width={28} height={28} />
      </span>
      <h2>{shared ? 'Nothing shared with you here yet' : 'No maps match these filters'}</h2>
      <p className="muted">
        {shared
          ? 'Maps someone gives you a role on, and links you open, are listed here.'
          : 'Try another map type or owner.'}
      </p>
      <button type="button" className="btn" onClick={onClear}>
        Clear filters
      </button>
    </section>
  );
}
