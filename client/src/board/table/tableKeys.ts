/** The table view's keys, as the shortcuts dialog lists them (handled by useGridKeyboard.ts). */
export interface TableKey {
  /** Alternative combinations, each one key list ("Enter" or "F2"). */
  combos: string[][];
  action: string;
}

export const TABLE_KEYS: readonly TableKey[] = [
  { combos: [['Arrow keys']], action: 'Move between cells; Up/Down also steps through cards' },
  { combos: [['Tab'], ['Shift', 'Tab']], action: 'Next / previous card in the cell' },
  { combos: [['Home'], ['End']], action: 'First / last cell of the row' },
  {
    combos: [
      ['Ctrl', 'Home'],
      ['Ctrl', 'End'],
    ],
    action: 'First / last cell of the table',
  },
  { combos: [['Page Up'], ['Page Down']], action: 'Cell above / below, skipping cards' },
  { combos: [['Enter'], ['F2']], action: 'Edit the card, or rename the stage or lane' },
  { combos: [['Shift', 'Enter']], action: 'New line while editing a card' },
  { combos: [['Esc']], action: 'Cancel the edit' },
  { combos: [['N']], action: 'Add a card in the cell and edit it' },
  { combos: [['Delete']], action: 'Delete the card (Ctrl+Z brings it back)' },
  {
    combos: [
      ['Alt', 'Up'],
      ['Alt', 'Down'],
    ],
    action: 'Move the card up / down (emotions: score)',
  },
  {
    combos: [
      ['Alt', 'Left'],
      ['Alt', 'Right'],
    ],
    action: 'Move the card to the previous / next stage',
  },
];
