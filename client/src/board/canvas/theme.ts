import { useSyncExternalStore } from 'react';

/** Canvas colours per theme (Konva cannot read CSS variables). */
export interface CanvasColors {
  bg: string;
  grid: string;
  header: string;
  headerText: string;
  text: string;
  muted: string;
  card: string;
  cardBorder: string;
  accent: string;
  selection: string;
  dark: boolean;
}

/** The light palette; exports always use it, since shared documents print on white. */
export const LIGHT_CANVAS_COLORS: CanvasColors = {
  bg: '#f3f4f8',
  grid: '#dfe3ec',
  header: '#ffffff',
  headerText: '#1c2233',
  text: '#1c2233',
  muted: '#5b6478',
  card: '#ffffff',
  cardBorder: '#d5dae5',
  accent: '#4f46e5',
  selection: '#4f46e5',
  dark: false,
};

const DARK: CanvasColors = {
  bg: '#151923',
  grid: '#2b3142',
  header: '#1a1e29',
  headerText: '#e8ebf3',
  text: '#1c2233',
  muted: '#a3abbd',
  card: '#ffffff',
  cardBorder: '#3a4154',
  accent: '#8b84ff',
  selection: '#8b84ff',
  dark: true,
};

function subscribe(onChange: () => void): () => void {
  const observer = new MutationObserver(onChange);
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
  return () => observer.disconnect();
}

export function useCanvasColors(): CanvasColors {
  const theme = useSyncExternalStore(subscribe, () => document.documentElement.dataset.theme);
  return theme === 'dark' ? DARK : LIGHT_CANVAS_COLORS;
}
