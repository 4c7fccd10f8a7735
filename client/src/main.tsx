import './styles.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.js';
import { applyStoredTheme } from './ui/theme.js';

applyStoredTheme();
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);

if ('serviceWorker' in navigator && import.meta.env.PROD) {
  // The app shell is cached so a board opens (from its offline copy) without a connection.
  void navigator.serviceWorker.register('/sw.js');
}
