import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The renderer: a plain web app (the Electron window loads the same build), its simulation in module workers.
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  worker: { format: 'es' },
  build: { outDir: '../dist/renderer', emptyOutDir: true, target: 'es2022', chunkSizeWarningLimit: 2000 },
  server: { fs: { allow: ['..'] } },
});
