/// <reference types="vitest/config" />
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { flowSchemaPlugin } from './scripts/flow-schema-plugin.ts';
import { monacoStagesPlugin, STAGE_CHUNK } from './scripts/monaco-stages.ts';

/**
 * The production page forbids eval and every remote origin. It is added only to the build:
 * the dev server's hot reload needs inline scripts that this policy (rightly) refuses.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "worker-src 'self' blob:",
  "style-src 'self' 'unsafe-inline'",
  "font-src 'self' data:",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

function contentSecurityPolicy(): Plugin {
  return {
    name: 'flow-studio:csp',
    apply: 'build',
    transformIndexHtml: () => [
      {
        tag: 'meta',
        attrs: { 'http-equiv': 'Content-Security-Policy', content: CONTENT_SECURITY_POLICY },
        injectTo: 'head-prepend',
      },
    ],
  };
}

export default defineConfig({
  plugins: [react(), contentSecurityPolicy(), monacoStagesPlugin(), flowSchemaPlugin()],
  resolve: {
    alias: [
      // monaco-yaml's worker manager still imports monaco's pre-0.56 ESM paths.
      { find: /^monaco-editor\/esm\/vs\/(.*?)(\.js)?$/, replacement: 'monaco-editor/$1' },
    ],
  },
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    chunkSizeWarningLimit: 6000,
    // No script preload links for Monaco's stages (their stylesheets still load with them): Monaco
    // comes in ~250 chunks, and Vite's preload helper appended a link per chunk as each stage
    // loaded (170-340 ms of appendChild on the page). The designer's own stages keep theirs, so
    // each arrives with its dependencies in one round.
    modulePreload: {
      resolveDependencies: (chunk, dependencies) =>
        chunk.includes(STAGE_CHUNK)
          ? dependencies.filter((file) => file.endsWith('.css'))
          : dependencies,
    },
  },
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'tests/**/*.test.ts'],
    environment: 'node',
    pool: 'threads',
    globalSetup: ['tests/build-cli.setup.ts'],
    // Property tests and runs of whole flows take a few seconds alone and several times that on a
    // loaded machine; vitest's 5 s default turned that into failures that said nothing wrong.
    testTimeout: 30_000,
  },
});
