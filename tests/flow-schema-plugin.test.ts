// The flow's JSON Schema computed at build time (scripts/flow-schema-plugin.ts) is the one the
// flow layer gives, and the dev server's module calls the flow layer itself.
import { describe, expect, it } from 'vitest';
import { flowSchemaModule } from '../scripts/flow-schema-plugin';
import { flowJsonSchema } from '../src/flow/json-schema';

describe('flow schema plugin', () => {
  it('builds the same schema as the flow layer, as JSON text', async () => {
    const code = await flowSchemaModule(process.cwd(), true);
    const text = /^export default JSON\.parse\((.*)\);$/s.exec(code)?.[1];
    expect(text).toBeDefined();
    expect(JSON.parse(JSON.parse(text!))).toEqual(flowJsonSchema());
  });

  it('serves a call of the flow layer in the dev server', async () => {
    const code = await flowSchemaModule(process.cwd(), false);
    expect(code).toContain('src/flow/json-schema.ts');
    expect(code).toContain('flowJsonSchema()');
  });
});
