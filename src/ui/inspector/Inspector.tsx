/**
 * The inspector: the selected container's name, component and parameters (a form generated from
 * the catalogue), its problems and its event handling (bus, retries, faults); or the selected
 * connection's pattern, routes, regimes, or an explicit route's types, filters and
 * transformation; or, with nothing selected, the flow's event system.
 * Every change applies at once as an edit of the YAML.
 */
import { useMemo, useState } from 'react';
import {
  canConnect,
  componentsOfKind,
  type FlowContainer,
  type FlowModel,
  findComponent,
  flowToGraph,
  type GraphEdge,
  type PatternKind,
  scopeInFlow,
  upstreamFeatures,
} from '../../flow';
import { useFlow } from '../store/instance';
import { ContainerEventForm, FlowEventForm } from './EventSystemForms';
import { ParamList } from './ParamList';
import { RouteForm } from './RouteForm';

function ContainerForm({ container, model }: { container: FlowContainer; model: FlowModel }) {
  const edit = useFlow((state) => state.edit);
  const diagnostics = useFlow((state) => state.parsed.diagnostics);
  const problems = useMemo(
    () => diagnostics.filter((d) => d.container === container.name),
    [diagnostics, container.name],
  );
  const [name, setName] = useState(container.name);
  const [nameError, setNameError] = useState<string | null>(null);
  const spec = container.component ? findComponent(container.component) : undefined;
  const features = useMemo(() => upstreamFeatures(model, container.name), [model, container.name]);
  const scope = useMemo(() => scopeInFlow(model, container.name), [model, container.name]);
  const rename = () => {
    if (name === container.name) return;
    if (!/^[A-Za-z][A-Za-z0-9_]*$/.test(name)) {
      setNameError('Letters, digits and underscores, starting with a letter');
      return;
    }
    const result = edit({ type: 'renameContainer', from: container.name, to: name });
    setNameError(result.ok ? null : result.error);
    if (result.ok) useFlow.getState().select({ nodes: [name], edges: [] });
  };
  return (
    <form
      className="inspector-form"
      onSubmit={(event) => event.preventDefault()}
      aria-label={`Container ${container.name}`}
    >
      <div className={`field${nameError ? ' invalid' : ''}`}>
        <label htmlFor="inspector-name">Name</label>
        <input
          id="inspector-name"
          value={name}
          aria-invalid={nameError !== null}
          onChange={(event) => setName(event.target.value)}
          onBlur={rename}
          onKeyDown={(event) => event.key === 'Enter' && rename()}
        />
        {nameError && (
          <small className="field-error" role="alert">
            {nameError}
          </small>
        )}
      </div>
      <div className="field">
        <label htmlFor="inspector-component">Component</label>
        <select
          id="inspector-component"
          value={container.component ?? ''}
          onChange={(event) =>
            edit({ type: 'setComponent', container: container.name, component: event.target.value })
          }
        >
          {!container.component && <option value="">Choose a {container.kind} component</option>}
          {componentsOfKind(container.kind).map((option) => (
            <option key={option.id} value={option.id}>
              {option.label}
            </option>
          ))}
        </select>
        {spec && <small className="muted">{spec.description}</small>}
      </div>
      <div className="field checkbox">
        <input
          id="inspector-disabled"
          type="checkbox"
          checked={container.disabled === true}
          onChange={(event) =>
            edit({ type: 'setDisabled', names: [container.name], disabled: event.target.checked })
          }
        />
        <label htmlFor="inspector-disabled">Disabled</label>
        <small className="muted">
          Kept in the flow, but its component does not run: events pass through it unchanged (D).
        </small>
      </div>
      {problems.length > 0 && (
        <ul className="problems" aria-label="Problems">
          {problems.map((problem) => (
            <li
              key={`${problem.line}:${problem.column}:${problem.message}`}
              className={problem.severity}
            >
              Line {problem.line}: {problem.message}
            </li>
          ))}
        </ul>
      )}
      {spec && <ParamList container={container} spec={spec} features={features} scope={scope} />}
      <ContainerEventForm container={container} model={model} />
    </form>
  );
}

const PATTERNS: readonly { value: PatternKind; label: string }[] = [
  { value: 'pipeline', label: 'Pipeline (one target)' },
  { value: 'broadcast', label: 'Broadcast (every target)' },
  { value: 'hierarchical', label: 'Hierarchical (by regime)' },
  { value: 'selective', label: 'Selective (first matching condition)' },
];

/**
 * A connection's id says its pattern and place, so an edit of either gives it a new one: select
 * the connection under its new id, so that the inspector stays on it.
 */
function reselect(match: (edge: GraphEdge) => boolean) {
  const model = useFlow.getState().model;
  const edge = model && flowToGraph(model).edges.find(match);
  if (edge) useFlow.getState().select({ nodes: [], edges: [edge.id] });
}

function ConnectionForm({ edgeId, model }: { edgeId: string; model: FlowModel }) {
  const edit = useFlow((state) => state.edit);
  const match = /^(\w+):(-?\d+):(\w+)->(\w+)/.exec(edgeId);
  if (!match) return null;
  const [, pattern, block, source, target] = match as unknown as [
    string,
    string,
    string,
    string,
    string,
  ];
  const selective = model.event_flow.find((p) => p.type === 'selective' && p.source === source);
  const hierarchy = model.event_flow.find((p) => p.type === 'hierarchical' && p.parent === source);
  // The default route may go to a container the source already routes to, or any it could be
  // connected to (not upstream of it, not a data container).
  const routed = new Set(
    selective?.type === 'selective'
      ? [...selective.routes.map((route) => route.target), selective.default]
      : [],
  );
  const targets = model.containers.filter(
    (c) => c.name !== source && (routed.has(c.name) || canConnect(model, source, c.name).ok),
  );
  return (
    <section className="inspector-form" aria-label={`Connection ${source} to ${target}`}>
      <p>
        <strong>{source}</strong> → <strong>{target}</strong>{' '}
        <span className={`chip edge-${pattern}`}>{pattern}</span>
      </p>
      {pattern !== 'route' && pattern !== 'feedback' && (
        <div className="field">
          <label htmlFor="inspector-pattern">How {source} sends its events</label>
          <select
            id="inspector-pattern"
            value={pattern}
            onChange={(event) => {
              edit({ type: 'setPattern', source, pattern: event.target.value as PatternKind });
              reselect(
                (edge) =>
                  edge.source === source && edge.target === target && edge.pattern !== 'feedback',
              );
            }}
          >
            {PATTERNS.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </select>
        </div>
      )}
      {selective?.type === 'selective' && (
        <fieldset className="field">
          <legend>Routes, in the order they are tried</legend>
          <ol className="routes">
            {selective.routes.map((route, index) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: routes are ordered; a target may appear twice.
              <li key={`${route.target}-${index}`}>
                <code>{route.condition}</code> → {route.target}
                <button
                  type="button"
                  className="icon-button"
                  aria-label={`Move route ${index + 1} up`}
                  disabled={index === 0}
                  onClick={() => {
                    edit({ type: 'moveRoute', source, from: index, to: index - 1 });
                    reselect((edge) => edge.source === source && edge.target === target);
                  }}
                >
                  ↑
                </button>
                <button
                  type="button"
                  className="icon-button"
                  aria-label={`Move route ${index + 1} down`}
                  disabled={index === selective.routes.length - 1}
                  onClick={() => {
                    edit({ type: 'moveRoute', source, from: index, to: index + 1 });
                    reselect((edge) => edge.source === source && edge.target === target);
                  }}
                >
                  ↓
                </button>
              </li>
            ))}
          </ol>
          <small className="muted">Click a condition on the canvas to edit it.</small>
          <label htmlFor="inspector-default">Default route (when no condition holds)</label>
          <select
            id="inspector-default"
            value={selective.default ?? ''}
            onChange={(event) =>
              edit({ type: 'setDefaultRoute', source, target: event.target.value || null })
            }
          >
            <option value="">None: unmatched events are filtered out</option>
            {targets.map((c) => (
              <option key={c.name} value={c.name}>
                {c.name}
              </option>
            ))}
          </select>
        </fieldset>
      )}
      {pattern === 'route' && <RouteForm block={Number(block)} model={model} />}
      {hierarchy?.type === 'hierarchical' && (
        <fieldset className="field">
          <legend>Regimes</legend>
          <ul className="routes">
            {hierarchy.children.map((child) => (
              <li key={child.name}>
                {child.name}: <code>{child.regime}</code>
              </li>
            ))}
          </ul>
          <small className="muted">Click a regime on the canvas to change it.</small>
        </fieldset>
      )}
      {pattern !== 'feedback' && (
        <button
          type="button"
          className="danger"
          onClick={() => edit({ type: 'disconnect', source, target })}
        >
          Remove this connection
        </button>
      )}
    </section>
  );
}

export function Inspector() {
  const model = useFlow((state) => state.model);
  const selection = useFlow((state) => state.selection);
  const flowName = model?.name ?? '';
  let body: React.ReactNode;
  if (!model) body = <p className="muted">The flow cannot be read yet.</p>;
  else if (selection.nodes.length === 1 && selection.nodes[0]!.startsWith('note:')) {
    body = (
      <p className="inspector-form muted">
        A note, for people: the run ignores it. Double-click it (or press Enter) to edit its text;
        drag it anywhere; Delete removes it.
      </p>
    );
  } else if (selection.nodes.length === 1) {
    const container = model.containers.find((c) => c.name === selection.nodes[0]);
    body = container ? (
      <ContainerForm key={container.name} container={container} model={model} />
    ) : null;
  } else if (selection.nodes.length > 1) {
    body = (
      <div className="inspector-form">
        <p>{selection.nodes.length} containers selected.</p>
        <button
          type="button"
          className="danger"
          onClick={() =>
            useFlow.getState().edit({ type: 'removeContainers', names: selection.nodes })
          }
        >
          Delete them
        </button>
      </div>
    );
  } else if (selection.edges.length === 1) {
    body = <ConnectionForm edgeId={selection.edges[0]!} model={model} />;
  } else {
    body = (
      <div className="inspector-form">
        <p>
          <strong>{flowName}</strong>: {count(model.containers.length, 'container')},{' '}
          {count(model.event_flow.length, 'event flow block')}
          {model.event_system.routing.length > 0 &&
            `, ${count(model.event_system.routing.length, 'route')}`}
          .
        </p>
        <p className="muted">
          Select a container or a connection to edit it. Drag components from the palette, connect
          them by dragging from a right handle to a left one.
        </p>
        <FlowEventForm model={model} />
      </div>
    );
  }
  return (
    <section className="inspector" aria-label="Inspector">
      <h2 className="panel-title">Inspector</h2>
      {body}
    </section>
  );
}

/**
 * "1 container", "1,500 containers". Grouped by hand: the first toLocaleString of the page loads
 * the browser's number formatting (17-77 ms on the start-up path, bench/startup).
 */
const count = (n: number, noun: string) =>
  `${String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',')} ${noun}${n === 1 ? '' : 's'}`;
