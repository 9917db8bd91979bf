import { describe, expect, it } from 'vitest';
import { CATALOGUE } from './catalogue';
import { flowJsonSchema } from './json-schema';

describe('JSON Schema for the editor', () => {
  const schema = flowJsonSchema() as {
    properties: Record<string, { additionalProperties?: Record<string, unknown> }>;
  };
  const container = schema.properties.containers!.additionalProperties as {
    properties: { component: { anyOf: { const: string; description: string }[] } };
    allOf: {
      if: { properties: { component: { const: string } } };
      then: {
        properties: {
          params: {
            properties: Record<string, { description?: string; default?: unknown }>;
            additionalProperties: boolean;
          };
        };
      };
    }[];
  };

  it('offers every catalogue component with its description', () => {
    expect(container.properties.component.anyOf.map((option) => option.const)).toEqual(
      CATALOGUE.map((spec) => spec.id),
    );
    expect(container.properties.component.anyOf[0]!.description).toBe(CATALOGUE[0]!.description);
  });

  it('ties params to the chosen component, with descriptions and defaults from the catalogue', () => {
    const sma = container.allOf.find((rule) => rule.if.properties.component.const === 'sma')!;
    const params = sma.then.properties.params;
    expect(Object.keys(params.properties)).toEqual(['period', 'source', 'name']);
    expect(params.properties.period).toMatchObject({
      description: 'Number of bars in the window.',
      default: 20,
      minimum: 1,
      maximum: 1000,
    });
    expect(params.additionalProperties).toBe(false);
  });

  it('is plain JSON', () => {
    expect(JSON.parse(JSON.stringify(schema))).toEqual(schema);
  });
});
