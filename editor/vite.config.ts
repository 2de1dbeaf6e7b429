import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The engine's server serves the built files at `/`; in development Vite proxies the API to it.
const api = { '/api': { target: 'http://127.0.0.1:8787', changeOrigin: false } };

export default defineConfig({
  plugins: [react()],
  // Absolute: the app has deep links (/programmes/…/cases/…) that must find /assets/.
  base: '/',
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 2000, sourcemap: false },
  server: { port: 5173, proxy: api },
  preview: { port: 4173, proxy: api },
});
