import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const backend = process.env.JOURNEYBOARD_BACKEND ?? 'http://127.0.0.1:1234';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [react()],
  // One Yjs instance in the bundle: two copies break `instanceof` checks inside Yjs.
  resolve: { dedupe: ['yjs', 'y-protocols', 'lib0'] },
  build: {
    outDir: fileURLToPath(new URL('../dist/client', import.meta.url)),
    emptyOutDir: true,
    sourcemap: true,
    chunkSizeWarningLimit: 1500,
  },
  server: {
    proxy: {
      '/api': backend,
      // Single sign-on starts and ends on the server (/auth/oidc/login, /auth/oidc/callback).
      '/auth': backend,
      '/healthz': backend,
      '/sync': { target: backend.replace(/^http/, 'ws'), ws: true },
    },
  },
});
