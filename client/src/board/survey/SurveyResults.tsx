import type { SurveyError } from '../../../../shared/model/survey.js';
import type { MappingWarning } from '../../../../shared/model/surveyMapping.js';
import type { SurveyImportReport, SurveyPreview } from '../../../../shared/model/surveyImport.js';
import { plural } from '../../../../shared/model/plural.js';
import { MatchesTable, UnmatchedList } from './MatchesTable.js';
import { errorLabel, moreErrors } from './surveyView.js';

/** Every problem the server listed, each naming its line and column. */
export function ErrorList(props: { errors: readonly SurveyError[]; errorCount: number }) {
  const more = moreErrors(props.errors.length, props.errorCount);
  return (
    <section className="survey-errors" role="alert" data-testid="survey-errors">
      <h3 className="survey-errors-title">
        {plural(props.errorCount, 'problem')} in the file. Nothing is imported until the file is
        fixed.
      </h3>
      <ul>
        {props.errors.map((e, i) => (
          <li key={`${e.line}-${e.column ?? ''}-${i}`}>{errorLabel(e)}</li>
        ))}
        {more && <li className="survey-more">{more}</li>}
      </ul>
      <p className="panel-hint">
        Correct these lines in your spreadsheet, export again and use “Replace file…”.
      </p>
    </section>
  );
}

/** Columns that look like a metric the import will skip: said before anyone imports. */
export function MappingWarnings({ warnings }: { warnings: readonly MappingWarning[] }) {
  if (warnings.length === 0) return null;
  return (
    <section className="survey-warnings" role="status" data-testid="survey-warnings">
      <h3 className="survey-warnings-title">
        {plural(warnings.length, 'column looks', 'columns look')} like a metric the import will not
        use
      </h3>
      <ul>
        {warnings.map((w) => (
          <li key={w.column} data-column={w.column} data-metric={w.metric}>
            {w.message}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** Step 3: what the file holds and what importing it would change. */
export function PreviewView({ preview }: { preview: SurveyPreview }) {
  const matches = preview.matches;
  const cards = matches?.cards ?? [];
  return (
    <div className="survey-step" data-testid="survey-preview">
      <p className="survey-summary" data-testid="survey-summary">
        <strong>{plural(preview.rowCount, 'valid row')}</strong>
        {matches && (
          <>
            {' · '}
            {plural(matches.matchedRows, 'row')} matched to {plural(cards.length, 'card')}
            {matches.unmatched.length > 0 &&
              ` · ${plural(matches.unmatched.length, 'touchpoint')} not matched`}
          </>
        )}
      </p>
      {preview.errorCount > 0 && (
        <ErrorList errors={preview.errors} errorCount={preview.errorCount} />
      )}
      <MappingWarnings warnings={preview.warnings} />
      {cards.length > 0 ? (
        <MatchesTable
          cards={cards}
          caption="Metrics per card: now → after the import"
          cesTop2box={matches?.cesMethod === 'top2box'}
        />
      ) : (
        preview.rowCount > 0 && (
          <p className="panel-context">
            No row matches a touchpoint card. Check that the touchpoint column holds the card names,
            or tick “Create cards for touchpoints…” in the previous step.
          </p>
        )
      )}
      {matches && <UnmatchedList groups={matches.unmatched} />}
    </div>
  );
}

/** Step 4: what the import did. */
export function ReportView(props: { report: SurveyImportReport; onShow(cardId: string): void }) {
  const { report } = props;
  const created = report.cards.filter((c) => c.created).length;
  const updated = report.cards.length - created;
  return (
    <div className="survey-step" data-testid="survey-report">
      <p className="survey-summary survey-done" role="status">
        Imported {report.matchedRows.toLocaleString('en-GB')} of {plural(report.rowCount, 'row')}{' '}
        from “{report.source}”: {plural(updated, 'card')} updated
        {created > 0 && `, ${plural(created, 'card')} created`}.
      </p>
      {report.cards.length > 0 && (
        <MatchesTable
          cards={report.cards}
          caption="Metrics per card: before → after"
          onShow={props.onShow}
          cesTop2box={report.cesMethod === 'top2box'}
        />
      )}
      <UnmatchedList groups={report.unmatched} />
    </div>
  );
}
