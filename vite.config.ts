import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// index.html sits at the project root and loads src/web/main.tsx as an external module
// (the server's Content-Security-Policy forbids inline script). The build goes to dist/web,
// which the server serves as static files. In development, /api is proxied to the server.
// Vite requires a default export here; everything else in the web app uses named exports.
export default defineConfig({
  root: '.',
  plugins: [react()],
  build: {
    outDir: 'dist/web',
    emptyOutDir: true,
    sourcemap: true,
  },
  server: {
    port: 5173,
    proxy: {
      '/api': { target: 'http://localhost:3000' },
    },
  },
});
