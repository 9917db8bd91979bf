/**
 * Connections, one look per pattern: pipeline solid, broadcast dashed, hierarchical with its
 * regime, selective with its order and condition (edited in place, checked as you type), the
 * default route marked, and a portfolio's feedback dotted. An edge glows while events cross it.
 */
import {
  BaseEdge,
  EdgeLabelRenderer,
  type EdgeProps,
  type ReactFlowState,
  useStore,
} from '@xyflow/react';
import { memo, useCallback, useState } from 'react';
import { parseCondition } from '../../flow';
import { linkKey, useStatus } from '../run/statusStore';
import { useFlow } from '../store/instance';
import { edgeLabelText, labelSpots, routeLabelText } from './edgeLabels';
import { edgePath } from './edgePath';
import type { FlowEdgeType } from './elements';

/**
 * The label's centre, from the layout of all labels (clear of containers and of each other).
 * Read from React Flow's store as a string, so the edge re-renders only when its spot changes.
 */
function useLabelSpot(id: string, hasLabel: boolean): { x: number; y: number } | null {
  const spot = useStore(
    useCallback(
      (state: ReactFlowState) => {
        if (!hasLabel) return '';
        const at = labelSpots(state).get(id);
        return at ? `${Math.round(at.x)},${Math.round(at.y)}` : '';
      },
      [id, hasLabel],
    ),
  );
  if (!spot) return null;
  const [x, y] = spot.split(',').map(Number) as [number, number];
  return { x, y };
}

function ConditionLabel({
  source,
  order,
  condition,
}: {
  source: string;
  order: number;
  condition: string;
}) {
  const [draft, setDraft] = useState<string | null>(null);
  if (draft === null) {
    return (
      <button
        type="button"
        className="edge-label selective"
        onClick={() => setDraft(condition)}
        aria-label={`Route ${order + 1} from ${source}: ${condition}. Edit condition`}
      >
        <span className="edge-order">{order + 1}</span> {condition}
      </button>
    );
  }
  const parsed = parseCondition(draft);
  const commit = () => {
    if (!parsed.ok) return;
    if (draft !== condition)
      useFlow
        .getState()
        .edit({ type: 'setRouteCondition', source, index: order, condition: draft });
    setDraft(null);
  };
  return (
    <span className="edge-label editing">
      <input
        aria-label={`Condition of route ${order + 1} from ${source}`}
        aria-invalid={!parsed.ok}
        value={draft}
        size={Math.max(12, draft.length)}
        // biome-ignore lint/a11y/noAutofocus: the user just asked to edit this condition.
        autoFocus
        onChange={(event) => setDraft(event.target.value)}
        onKeyDown={(event) => {
          event.stopPropagation();
          if (event.key === 'Enter') commit();
          if (event.key === 'Escape') setDraft(null);
        }}
        onBlur={() => (parsed.ok ? commit() : undefined)}
      />
      {!parsed.ok && (
        <span className="edge-error" role="alert">
          Column {parsed.error.start + 1}: {parsed.error.message}
        </span>
      )}
    </span>
  );
}

function RegimeLabel({ parent, child, regime }: { parent: string; child: string; regime: string }) {
  const [draft, setDraft] = useState<string | null>(null);
  if (draft === null) {
    return (
      <button
        type="button"
        className="edge-label hierarchical"
        onClick={() => setDraft(regime)}
        aria-label={`Regime of ${child}: ${regime}. Edit regime`}
      >
        {regime}
      </button>
    );
  }
  const commit = () => {
    const value = draft.trim();
    if (value && value !== regime)
      useFlow.getState().edit({ type: 'setRegime', parent, child, regime: value });
    setDraft(null);
  };
  return (
    <span className="edge-label editing">
      <input
        aria-label={`Regime of ${child}`}
        value={draft}
        // biome-ignore lint/a11y/noAutofocus: the user just asked to edit this regime.
        autoFocus
        onChange={(event) => setDraft(event.target.value)}
        onKeyDown={(event) => {
          event.stopPropagation();
          if (event.key === 'Enter') commit();
          if (event.key === 'Escape') setDraft(null);
        }}
        onBlur={commit}
      />
    </span>
  );
}

/** The path of a connection (edgePath.ts), with its source's measured height. */
function useEdgePath(props: EdgeProps<FlowEdgeType>): string {
  const sourceHeight = useStore(
    useCallback(
      (state: ReactFlowState) => state.nodeLookup.get(props.source)?.measured.height ?? 40,
      [props.source],
    ),
  );
  return edgePath(props, sourceHeight);
}

function FlowEdgeView(props: EdgeProps<FlowEdgeType>) {
  const { id, source, target, data, selected, markerEnd } = props;
  const path = useEdgePath(props);
  const key = linkKey(source, target);
  // Each time the run reports traffic on this connection (at most a few times a second), the
  // pulse path remounts and its CSS animation plays once.
  const lastActive = useStatus((state) => state.activity[key]);
  const traced = useStatus((state) => state.traced?.links.has(key) ?? false);
  const pattern = data?.pattern ?? 'pipeline';
  const routeText = routeLabelText(data);
  const spot = useLabelSpot(id, edgeLabelText(data) !== null);
  let label: React.ReactNode = null;
  if (pattern === 'selective' && data?.isDefault)
    label = <span className="edge-label selective default">default</span>;
  else if (pattern === 'selective' && data?.order !== undefined)
    label = <ConditionLabel source={source} order={data.order} condition={data.label ?? ''} />;
  else if (pattern === 'hierarchical' && data?.label)
    label = <RegimeLabel parent={source} child={target} regime={data.label} />;
  else if (pattern === 'route')
    label = (
      <button
        type="button"
        className="edge-label route"
        onClick={() => useFlow.getState().select({ nodes: [], edges: [id] })}
        aria-label={`Route from ${source} to ${target}${data?.label ? `: ${data.label}` : ''}. Edit route`}
        title={`${data?.label || 'all events'}\nClick to edit this route's event types, filters and transformation in the inspector`}
      >
        {routeText}
      </button>
    );
  else if (pattern === 'broadcast')
    label = (
      <span className="edge-label broadcast" aria-hidden>
        ⇶
      </span>
    );
  return (
    <>
      <BaseEdge
        id={id}
        path={path}
        markerEnd={markerEnd}
        className={`flow-edge edge-${pattern}${selected ? ' selected' : ''}${traced ? ' traced' : ''}`}
      />
      {lastActive !== undefined && (
        <path key={lastActive} d={path} className="edge-pulse" data-testid={`pulse-${key}`} />
      )}
      {label && spot && (
        <EdgeLabelRenderer>
          <div
            className="edge-label-holder nodrag nopan"
            style={{ transform: `translate(-50%, -50%) translate(${spot.x}px, ${spot.y}px)` }}
          >
            {label}
          </div>
        </EdgeLabelRenderer>
      )}
    </>
  );
}

export const FlowEdge = memo(FlowEdgeView);
