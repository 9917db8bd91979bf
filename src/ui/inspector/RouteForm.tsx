/**
 * An explicit route (an event_system.routing entry) as a form: the event types that cross it, its
 * filters (each checked as it is typed), and an optional transformation with its parameters from
 * the catalogue. Every change is an edit of the YAML, in the one undo history.
 */
import {
  EVENT_TYPES,
  type FlowModel,
  NEW_ROUTE_CONDITION,
  TRANSFORMER_SPECS,
  transformerTakes,
} from '../../flow';
import { ConditionField } from './ConditionField';
import { setEventSystem, TypeChecks } from './EventSystemForms';
import { ParamField } from './ParamField';

export function RouteForm({ block, model }: { readonly block: number; readonly model: FlowModel }) {
  const route = model.event_system.routing[block];
  if (!route) return null;
  const at = ['routing', block] as const;
  const filters = route.filters ?? [];
  const carried = route.events ?? EVENT_TYPES;
  const usable = TRANSFORMER_SPECS.filter((spec) =>
    carried.some((type) => transformerTakes(spec, type)),
  );
  const chosen = route.transform
    ? TRANSFORMER_SPECS.find((spec) => spec.id === route.transform!.transformer)
    : undefined;
  const params = (route.transform?.params ?? {}) as Readonly<Record<string, unknown>>;
  return (
    <div className="route-form" data-testid="route-form">
      <p className="muted">
        Routing entry {block + 1}: <strong>{route.source}</strong> →{' '}
        {route.targets.map((target) => (
          <strong key={target}>{target} </strong>
        ))}
        {route.targets.length > 1 ? '(what you set here applies to every target)' : ''}
      </p>
      <TypeChecks
        label="Event types that cross"
        types={EVENT_TYPES}
        chosen={route.events}
        onChange={(types) => setEventSystem([...at, 'events'], types)}
      />
      <fieldset className="field">
        <legend>Filters (every one must hold)</legend>
        <ul className="filter-list">
          {filters.map((filter, index) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: filters are edited in place by position.
            <li key={index}>
              <ConditionField
                name={`filter-${index}`}
                label={`Filter ${index + 1}`}
                spec={{
                  label: `Filter ${index + 1}`,
                  description:
                    'A condition over the event: event, bar, indicator, signal, order, fill, portfolio.',
                }}
                value={filter}
                onChange={(text) => setEventSystem([...at, 'filters', index], text)}
                onRemove={() =>
                  setEventSystem(
                    [...at, 'filters'],
                    filters.length > 1 ? filters.filter((_, i) => i !== index) : undefined,
                  )
                }
              />
            </li>
          ))}
        </ul>
        <button
          type="button"
          onClick={() => setEventSystem([...at, 'filters', filters.length], NEW_ROUTE_CONDITION)}
        >
          Add filter
        </button>
      </fieldset>
      <div className="field">
        <label htmlFor={`route-${block}-transform`}>Transformation</label>
        <select
          id={`route-${block}-transform`}
          value={route.transform?.transformer ?? ''}
          onChange={(event) =>
            setEventSystem(
              [...at, 'transform'],
              event.target.value ? { transformer: event.target.value } : undefined,
            )
          }
        >
          <option value="">None: events cross as they are</option>
          {usable.map((spec) => (
            <option key={spec.id} value={spec.id}>
              {spec.label} ({spec.from === 'any' ? 'any event' : spec.from} →{' '}
              {spec.to === 'same' ? 'the same' : spec.to})
            </option>
          ))}
        </select>
        <small className="muted">
          {chosen?.description ??
            'A transformer turns the events of its type into another as they cross this route.'}
        </small>
      </div>
      {chosen &&
        Object.entries(chosen.params).map(([key, spec]) => (
          <ParamField
            key={`${block}.${chosen.id}.${key}`}
            name={key}
            spec={spec}
            value={params[key] ?? spec.default}
            features={[]}
            onChange={(value) => setEventSystem([...at, 'transform', 'params', key], value)}
          />
        ))}
    </div>
  );
}
