/// <reference types="vite/client" />

/** Monaco's modules in evaluation stages (scripts/monaco-stages.ts); empty in the dev server. */
declare module 'virtual:monaco-stages' {
  export const stages: readonly (() => Promise<unknown>)[];
}
