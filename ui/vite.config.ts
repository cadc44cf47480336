import { defineConfig } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';

// The UI is served by Tauri from ui/dist; in development from this server.
export default defineConfig({
  plugins: [svelte()],
  clearScreen: false,
  server: { port: 5173, strictPort: true },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'safari15',
    // Keep everything in files: the CSP forbids inline scripts and styles.
    assetsInlineLimit: 0,
    cssCodeSplit: false,
    rollupOptions: {
      // blank.html: the floor for the startup benchmark (benches/startup.sh).
      input: { main: 'index.html', blank: 'blank.html' },
    },
  },
  test: {
    include: ['src/**/*.test.ts'],
  },
});
