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
            properties: Record<
              string,
              { description?: string; default?: unknown; anyOf: { type: string }[] }
            >;
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
      description: 'Number of bars in the window. May hold a list (or a range) of values to sweep.',
      default: 20,
    });
    // One value, or a sweep: a list, a range object or ADMF-PC's range(…) text.
    const period = params.properties.period!;
    expect(period.anyOf[0]).toMatchObject({ minimum: 1, maximum: 1000 });
    expect(period.anyOf.map((form) => form.type)).toEqual(['integer', 'array', 'object', 'string']);
    expect(params.additionalProperties).toBe(false);
  });

  it('is plain JSON', () => {
    expect(JSON.parse(JSON.stringify(schema))).toEqual(schema);
  });
});
