/** A tiny abstract picture of each map type: stage headers, sticky notes and a line or two. */

import type { MapType } from '../../../shared/model/schema.js';

const COLS = [10, 46, 82, 118];
const NOTE_W = 32;

interface Sketch {
  /** Per row: the columns that hold a note. */
  rows: readonly (readonly number[])[];
  rowTop: number;
  rowGap: number;
  noteH: number;
  curve?: string;
  dashes?: readonly number[];
  timeline?: boolean;
}

const SKETCHES: Record<MapType, Sketch> = {
  'current-state': {
    rows: [
      [0, 1, 2, 3],
      [0, 2, 3],
    ],
    rowTop: 20,
    rowGap: 18,
    noteH: 14,
    curve: 'M14 64 C 32 56, 44 84, 62 80 S 94 58, 110 70 S 136 60, 146 56',
  },
  'future-state': {
    rows: [
      [0, 1, 2, 3],
      [0, 1, 2, 3],
    ],
    rowTop: 20,
    rowGap: 18,
    noteH: 14,
    curve: 'M14 80 C 40 78, 58 68, 80 66 S 124 54, 146 46',
  },
  'day-in-the-life': {
    rows: [
      [0, 1, 2, 3],
      [1, 3],
    ],
    rowTop: 22,
    rowGap: 18,
    noteH: 14,
    curve: 'M14 68 C 28 56, 44 56, 58 68 S 86 80, 100 68 S 130 56, 146 64',
    timeline: true,
  },
  'service-blueprint': {
    rows: [
      [0, 1, 2, 3],
      [0, 1, 3],
      [1, 2, 3],
      [0, 2],
    ],
    rowTop: 19,
    rowGap: 18,
    noteH: 10,
    dashes: [33.5, 51.5, 69.5],
  },
};

export function MapThumb({ mapType, className }: { mapType: string; className?: string }) {
  const sketch = SKETCHES[mapType as MapType] ?? SKETCHES['current-state'];
  return (
    <svg
      className={`home-thumb ${className ?? ''}`}
      viewBox="0 0 160 90"
      preserveAspectRatio="xMidYMid meet"
      aria-hidden="true"
      focusable="false"
    >
      {sketch.timeline ? (
        <g>
          <line x1="10" y1="10" x2="150" y2="10" className="home-thumb-rule" />
          {COLS.map((x) => (
            <circle key={x} cx={x + NOTE_W / 2} cy="10" r="3.2" className="home-thumb-dot" />
          ))}
        </g>
      ) : (
        COLS.map((x) => (
          <rect key={x} x={x} y="6" width={NOTE_W} height="6" rx="3" className="home-thumb-head" />
        ))
      )}
      {sketch.rows.map((cols, row) =>
        cols.map((col) => (
          <rect
            key={`${row}-${col}`}
            x={COLS[col]}
            y={sketch.rowTop + row * sketch.rowGap}
            width={NOTE_W}
            height={sketch.noteH}
            rx="2.5"
            className="home-thumb-note"
          />
        )),
      )}
      {sketch.dashes?.map((y) => (
        <line key={y} x1="6" y1={y} x2="154" y2={y} className="home-thumb-dash" />
      ))}
      {sketch.curve && <path d={sketch.curve} className="home-thumb-line" />}
    </svg>
  );
}
