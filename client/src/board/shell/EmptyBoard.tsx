/** What an empty map shows instead of a blank grid: what to do first, or that nothing is there yet. */
export function EmptyBoard(props: { readOnly: boolean; onAddStage(): void; onAddLane(): void }) {
  return (
    <div className="board-empty">
      <h2>An empty map</h2>
      {props.readOnly ? (
        <p>Nothing is mapped yet. Changes others make show up here as they happen.</p>
      ) : (
        <p>
          Add stages (columns) for the phases of the journey and lanes (rows) for what you map in
          each.
        </p>
      )}
      {!props.readOnly && (
        <div className="board-empty-actions">
          <button className="btn btn-primary" onClick={props.onAddStage}>
            Add a stage
          </button>
          <button className="btn" onClick={props.onAddLane}>
            Add a lane
          </button>
        </div>
      )}
    </div>
  );
}
