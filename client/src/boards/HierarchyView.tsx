import { useEffect, useState } from 'react';
import type { HierarchyNode, WorkspaceHierarchy } from '../../../shared/protocol/links.js';
import { call } from '../api.js';
import { navigate } from '../router.js';

/** A level's badge: L0 for the maps at the top, L3+ below the third level. */
const levelLabel = (level: number) => (level >= 3 ? 'L3+' : `L${level}`);

function Branch({ nodes }: { nodes: readonly HierarchyNode[] }) {
  return (
    <ul className="hierarchy-list">
      {nodes.map((node) => (
        <li key={node.boardId} className="hierarchy-item" data-level={node.level}>
          <a
            href={`/b/${encodeURIComponent(node.boardId)}`}
            className="hierarchy-link"
            data-testid="hierarchy-map"
            onClick={(e) => {
              if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
              e.preventDefault();
              navigate(`/b/${encodeURIComponent(node.boardId)}`);
            }}
          >
            <span className="hierarchy-level" aria-label={`level ${node.level}`}>
              {levelLabel(node.level)}
            </span>{' '}
            {node.title}
          </a>
          {node.children.length > 0 && <Branch nodes={node.children} />}
        </li>
      ))}
    </ul>
  );
}

/**
 * The workspace's maps as a tree (W245): maps nobody links to at the top, each linked map
 * indented under the map that links to it. Asked again when the window regains focus.
 */
export function HierarchyView({ workspaceId }: { workspaceId: string }) {
  const [roots, setRoots] = useState<HierarchyNode[] | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    const path = `/api/workspaces/${encodeURIComponent(workspaceId)}/hierarchy`;
    const load = () => {
      call<WorkspaceHierarchy>(path).then(
        (answer) => live && (setRoots(answer.roots), setFailed(null)),
        (err: unknown) => live && setFailed(err instanceof Error ? err.message : String(err)),
      );
    };
    load();
    window.addEventListener('focus', load);
    return () => {
      live = false;
      window.removeEventListener('focus', load);
    };
  }, [workspaceId]);
  if (failed) return <p className="muted">The hierarchy could not be loaded: {failed}</p>;
  if (!roots) return <p className="muted">Loading the hierarchy…</p>;
  if (roots.length === 0) return <p className="muted">No maps here yet.</p>;
  return (
    <nav className="hierarchy" aria-label="Map hierarchy" data-testid="hierarchy">
      <Branch nodes={roots} />
    </nav>
  );
}
