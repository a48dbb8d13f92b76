// Vite builds the UI (`vite build web`) into one folder, BIOBRIDGE_WEB_OUT
// (default web/dist), which CMake embeds into the biobridge binary.
import { defineConfig } from 'vite';

declare const process: { env: Record<string, string | undefined> };

export default defineConfig({
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: process.env.BIOBRIDGE_WEB_OUT ?? 'dist',
    emptyOutDir: true,
    target: 'es2020',
    sourcemap: false,
    // ECharts (about 500 kB) is its own chunk, loaded only where charts are shown.
    chunkSizeWarningLimit: 600,
  },
  server: {
    // `npx vite web` while developing: the API of a running `biobridge serve`.
    proxy: { '/api': 'http://127.0.0.1:8080' },
  },
});
