import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app.tsx';
import { loadAtlas } from './atlas.ts';
import './styles.css';

// The overview's map shapes travel alongside its API requests instead of after them.
if (/^\/($|s\/[^/]+\/?(overview)?$)/.test(window.location.pathname)) {
  loadAtlas().catch(() => undefined); // the map shows its own error if this fails
}

const root = document.getElementById('root');
if (root !== null) {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
