/**
 * Every problem the server found in a JSON file it refused to import, each with the place in
 * the file it is about, in a list that scrolls when there are many.
 */
import { useRef } from 'react';
import { plural } from '../../../shared/model/plural.js';
import { Dialog } from './Dialog.js';
import type { ImportIssue } from './importFile.js';

/** Listed at most; the rest are counted (a broken export can carry thousands). */
export const ISSUES_LISTED = 500;

export function ImportProblemsDialog(props: {
  fileName: string;
  issues: readonly ImportIssue[];
  onClose(): void;
}) {
  const close = useRef<HTMLButtonElement>(null);
  const { issues } = props;
  const listed = issues.slice(0, ISSUES_LISTED);
  const rest = issues.length - listed.length;
  return (
    <Dialog
      title={`“${props.fileName}” could not be imported`}
      description={`${plural(issues.length, 'problem')} in the file. Nothing was imported: fix ${issues.length === 1 ? 'it' : 'them'} and import the file again.`}
      onClose={props.onClose}
      role="alertdialog"
      className="home-import-problems"
      testId="import-problems"
      initialFocus={close}
    >
      <ol className="home-import-issues" tabIndex={0} aria-label="Problems in the file">
        {listed.map((issue, i) => (
          <li key={`${i}-${issue.path}`} data-testid="import-issue">
            <code className="home-import-path">{issue.path}</code>
            <span className="home-import-message">{issue.message}</span>
          </li>
        ))}
      </ol>
      {rest > 0 && <p className="panel-hint">and {plural(rest, 'more problem')}</p>}
      <div className="dialog-actions home-dialog-actions">
        <button ref={close} type="button" className="btn btn-primary" onClick={props.onClose}>
          Close
        </button>
      </div>
    </Dialog>
  );
}
