/**
 * The JSON Schema Monaco's YAML support uses for validation, completion and hover, generated from
 * the flow's zod schema, with each container's `params` tied to its component's own parameters
 * (the catalogue's), so completion offers exactly the parameters of the chosen component.
 */
import { z } from 'zod';
import { CATALOGUE } from './catalogue';
import { flowSchema, paramsSchema } from './schema';

type JsonSchema = Record<string, unknown>;

function build(): JsonSchema {
  const schema = z.toJSONSchema(flowSchema, {
    target: 'draft-7',
    unrepresentable: 'any',
  }) as JsonSchema;
  const containers = (schema.properties as Record<string, JsonSchema>).containers!;
  const container = containers.additionalProperties as JsonSchema;
  const properties = container.properties as Record<string, JsonSchema>;
  properties.component = {
    description: 'Catalogue id of the component that runs in this container.',
    anyOf: CATALOGUE.map((spec) => ({
      const: spec.id,
      title: `${spec.label} (${spec.kind})`,
      description: spec.description,
      markdownDescription: `**${spec.label}** — ${spec.kind}\n\n${spec.description}`,
    })),
  };
  container.allOf = CATALOGUE.map((spec) => ({
    if: { properties: { component: { const: spec.id } }, required: ['component'] },
    // biome-ignore lint/suspicious/noThenProperty: JSON Schema's if/then, not a thenable.
    then: {
      properties: {
        params: {
          ...(z.toJSONSchema(paramsSchema(spec, { grids: true }), {
            target: 'draft-7',
            unrepresentable: 'any',
          }) as JsonSchema),
          description: `Parameters of ${spec.label}.`,
        },
      },
    },
  }));
  delete schema.$schema;
  return { $schema: 'http://json-schema.org/draft-07/schema#', ...schema };
}

/** Built once, on first use. */
let cached: JsonSchema | undefined;
export function flowJsonSchema(): JsonSchema {
  cached ??= build();
  return cached;
}
