// Builds static/vendor/firebase.js: `npm ci && npm run build` (in ichseg/web).
import { defineConfig } from 'vite';

export default defineConfig({
  logLevel: 'warn',
  build: {
    outDir: 'static/vendor',
    emptyOutDir: true,
    target: 'es2020',
    minify: true,
    sourcemap: false,
    lib: {
      entry: 'src/firebase.js',
      formats: ['es'],
      fileName: () => 'firebase.js',
    },
  },
});
