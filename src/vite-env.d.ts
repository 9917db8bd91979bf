/// <reference types="vite/client" />

/** Monaco's modules in evaluation stages (scripts/monaco-stages.ts); empty in the dev server. */
declare module 'virtual:monaco-stages' {
  export const stages: readonly (() => Promise<unknown>)[];
}

/** The flow's JSON Schema for Monaco's YAML support, computed at build time (scripts/flow-schema-plugin.ts). */
declare module 'virtual:flow-json-schema' {
  const schema: Record<string, unknown>;
  export default schema;
}
