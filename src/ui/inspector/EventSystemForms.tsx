/**
 * The event system as forms, every field from its description in the catalogue: a container's
 * own bus, retry policy and injected faults (with its breaker's live state during a run), and the
 * flow's defaults: bus, monitoring, circuit breaker, retry policy and transformations. Each change
 * is an edit of event_system in the YAML, in the one undo history.
 */
import { type ReactNode, useState } from 'react';
import {
  BREAKER_SETTINGS,
  BUS_SETTINGS,
  EVENT_TYPES,
  type EventType,
  FAULT_SETTINGS,
  type FlowContainer,
  type FlowModel,
  findComponent,
  MONITORING_SETTINGS,
  type ParamSpec,
  RETRY_SETTINGS,
  TRANSFORMER_SPECS,
  transformerMakes,
  transformerTakes,
} from '../../flow';
import { stateName } from '../run/BreakerChanges';
import { useContainerStatus } from '../run/statusStore';
import { useFlow } from '../store/instance';
import { ParamField } from './ParamField';
import '../eventSystem.css';

type Path = readonly (string | number)[];

/** Sets (or, with undefined, removes) a setting under event_system; typing in one field is one undo step. */
export function setEventSystem(path: Path, value: unknown): void {
  useFlow
    .getState()
    .edit({ type: 'setEventSystem', path, value }, `event_system:${path.join('.')}`);
}

/** One field per setting, each writing its own key under `path`. */
export function SettingsFields({
  specs,
  values,
  path,
}: {
  readonly specs: Readonly<Record<string, ParamSpec>>;
  /** The settings as the model has them (a settings object, or nothing yet). */
  readonly values: object;
  readonly path: Path;
}) {
  const current = values as Readonly<Record<string, unknown>>;
  return (
    <>
      {Object.entries(specs).map(([key, spec]) => (
        <ParamField
          key={`${path.join('.')}.${key}`}
          name={key}
          spec={spec}
          value={current[key] ?? (spec.type === 'integer' && spec.optional ? '' : spec.default)}
          features={[]}
          onChange={(value) => setEventSystem([...path, key], value)}
        />
      ))}
    </>
  );
}

/** Event types as checkboxes; none checked means every type. */
export function TypeChecks({
  label,
  types,
  chosen,
  onChange,
}: {
  readonly label: string;
  readonly types: readonly EventType[];
  readonly chosen: readonly EventType[] | undefined;
  readonly onChange: (types: readonly EventType[] | undefined) => void;
}) {
  const picked = new Set(chosen ?? []);
  return (
    <fieldset className="field">
      <legend>{label}</legend>
      <div className="type-checks">
        {types.map((type) => (
          <label key={type}>
            <input
              type="checkbox"
              checked={picked.has(type)}
              onChange={(event) => {
                const next = types.filter((t) =>
                  t === type ? event.target.checked : picked.has(t),
                );
                onChange(next.length > 0 ? next : undefined);
              }}
            />
            {type}
          </label>
        ))}
      </div>
      <small className="muted">
        {picked.size === 0 ? 'None ticked: every type.' : `${picked.size} ticked.`}
      </small>
    </fieldset>
  );
}

function Group({
  title,
  open = false,
  children,
  testId,
}: {
  readonly title: string;
  readonly open?: boolean;
  readonly children: ReactNode;
  readonly testId?: string;
}) {
  return (
    <details className="settings-group" open={open} data-testid={testId}>
      <summary>{title}</summary>
      {children}
    </details>
  );
}

/** A container's own settings: on adds its entry (starting from `initial`), off removes it. */
function OwnSettings({
  label,
  own,
  path,
  initial,
  children,
}: {
  readonly label: string;
  readonly own: boolean;
  readonly path: Path;
  readonly initial: Readonly<Record<string, unknown>>;
  readonly children: ReactNode;
}) {
  return (
    <>
      <label className="settings-toggle">
        <input
          type="checkbox"
          checked={own}
          onChange={(event) => setEventSystem(path, event.target.checked ? initial : undefined)}
        />
        {label}
      </label>
      {own && children}
    </>
  );
}

function BreakerStatus({ name }: { readonly name: string }) {
  const status = useContainerStatus(name);
  if (!status) return null;
  return (
    <p className="muted" data-testid={`inspector-breaker-${name}`}>
      Circuit breaker:{' '}
      <span className={`breaker-chip ${status.breaker}`}>{stateName(status.breaker)}</span>
      {status.breakerReason ? ` (${status.breakerReason})` : ''} · {status.errors} errors ·{' '}
      {status.retries} retries · {status.rejected} refused
    </p>
  );
}

/** A container's bus, retries and faults. */
export function ContainerEventForm({
  container,
  model,
}: {
  readonly container: FlowContainer;
  readonly model: FlowModel;
}) {
  const name = container.name;
  const system = model.event_system;
  const spec = container.component ? findComponent(container.component) : undefined;
  const handles = (spec?.consumes ?? []) as readonly EventType[];
  const bus = system.event_buses[name];
  const retry = system.retry[name];
  const faults = system.fault_injection[name];
  return (
    <section className="container-events" aria-label={`Event handling of ${name}`}>
      <h3 className="panel-subtitle">Event handling</h3>
      <BreakerStatus name={name} />
      <Group title="Bus" open={bus !== undefined} testId="group-bus">
        <OwnSettings
          label={`Own bus settings for ${name}`}
          own={bus !== undefined}
          path={['event_buses', name]}
          initial={{ queue_size: system.event_buses.default?.queue_size ?? 10_000 }}
        >
          <SettingsFields specs={BUS_SETTINGS} values={bus ?? {}} path={['event_buses', name]} />
        </OwnSettings>
      </Group>
      {container.kind === 'data' ? (
        <p className="muted">A data container handles no events: it cannot fail or retry.</p>
      ) : (
        <>
          <Group title="Retries" open={retry !== undefined} testId="group-retry">
            <OwnSettings
              label={`Own retry policy for ${name}`}
              own={retry !== undefined}
              path={['retry', name]}
              initial={{ max_attempts: 3 }}
            >
              <SettingsFields specs={RETRY_SETTINGS} values={retry ?? {}} path={['retry', name]} />
            </OwnSettings>
          </Group>
          <Group title="Fault injection" open={faults !== undefined} testId="group-faults">
            <OwnSettings
              label={`Inject faults into ${name}`}
              own={faults !== undefined}
              path={['fault_injection', name]}
              initial={{ failure_rate: 0.2 }}
            >
              <SettingsFields
                specs={FAULT_SETTINGS}
                values={faults ?? {}}
                path={['fault_injection', name]}
              />
              <TypeChecks
                label="Only these event types fail"
                types={handles}
                chosen={faults?.events}
                onChange={(types) => setEventSystem(['fault_injection', name, 'events'], types)}
              />
            </OwnSettings>
          </Group>
        </>
      )}
    </section>
  );
}

/** A new transformation for event_system.transformations. */
function AddTransformation() {
  const [id, setId] = useState(TRANSFORMER_SPECS[0]!.id);
  const spec = TRANSFORMER_SPECS.find((s) => s.id === id)!;
  const takes = EVENT_TYPES.filter((type) => transformerTakes(spec, type));
  const [from, setFrom] = useState<EventType>(takes[0]!);
  const chosen = takes.includes(from) ? from : takes[0]!;
  const count = useFlow((state) => state.model?.event_system.transformations.length ?? 0);
  return (
    <div className="field">
      <label>
        Transformer{' '}
        <select value={id} onChange={(event) => setId(event.target.value)}>
          {TRANSFORMER_SPECS.map((s) => (
            <option key={s.id} value={s.id}>
              {s.label}
            </option>
          ))}
        </select>
      </label>
      {takes.length > 1 && (
        <label>
          of{' '}
          <select value={chosen} onChange={(event) => setFrom(event.target.value as EventType)}>
            {takes.map((type) => (
              <option key={type}>{type}</option>
            ))}
          </select>
        </label>
      )}
      <button
        type="button"
        onClick={() =>
          setEventSystem(['transformations', count], {
            from_event: chosen,
            to_event: transformerMakes(spec, chosen),
            transformer: id,
          })
        }
      >
        Add transformation
      </button>
      <small className="muted">{spec.description}</small>
    </div>
  );
}

/** The flow's defaults: bus, monitoring, breaker, retry policy, transformations. */
export function FlowEventForm({ model }: { readonly model: FlowModel }) {
  const system = model.event_system;
  // One closed group: with nothing selected, the YAML editor keeps its room below.
  return (
    <details
      className="flow-events settings-group"
      aria-label="Event system"
      data-testid="flow-events"
    >
      <summary>Event system: bus, circuit breaker, retries, monitoring, transformations</summary>
      <Group title="Bus (every container)" testId="group-default-bus">
        <SettingsFields
          specs={BUS_SETTINGS}
          values={system.event_buses.default ?? {}}
          path={['event_buses', 'default']}
        />
      </Group>
      <Group title="Circuit breaker" testId="group-breaker">
        <SettingsFields
          specs={BREAKER_SETTINGS}
          values={system.circuit_breaker}
          path={['circuit_breaker']}
        />
      </Group>
      <Group title="Retries (every container)" testId="group-default-retry">
        <SettingsFields
          specs={RETRY_SETTINGS}
          values={system.retry.default ?? {}}
          path={['retry', 'default']}
        />
      </Group>
      <Group title="Monitoring" testId="group-monitoring">
        <SettingsFields
          specs={MONITORING_SETTINGS}
          values={system.monitoring}
          path={['monitoring']}
        />
      </Group>
      <Group
        title={`Transformations (${system.transformations.length})`}
        testId="group-transformations"
      >
        <ol className="routes">
          {system.transformations.map((entry, index) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: transformations are ordered.
            <li key={index}>
              <code>{entry.transformer}</code>: {entry.from_event} → {entry.to_event}
              <button
                type="button"
                className="icon-button"
                aria-label={`Remove transformation ${index + 1}`}
                onClick={() =>
                  setEventSystem(
                    ['transformations'],
                    system.transformations.length > 1
                      ? system.transformations.filter((_, i) => i !== index)
                      : undefined,
                  )
                }
              >
                ✕
              </button>
            </li>
          ))}
        </ol>
        <small className="muted">
          They apply on every route into a container that takes what they make (a broker, for signal
          to order); a route's own transformation is set on the route.
        </small>
        <AddTransformation />
      </Group>
    </details>
  );
}
