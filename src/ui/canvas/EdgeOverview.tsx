/**
 * The connections of a flow zoomed out to tiles, drawn as one picture: one svg under the
 * containers instead of one React Flow edge each. Each edge React Flow draws is an svg of its own
 * (a layer Chromium places and hit-tests on every frame of a zoom) and a component whose position
 * React Flow works out again on every step of the view (450 of them on the 500-container flow).
 * Zoomed out that far, a connection has no label to show and its handles are hidden, so nothing is
 * lost: each is still drawn with its pattern's look, glows as a run's events cross it, and a click on
 * one selects it, as does Enter on one reached with Tab (a selected one is left to React Flow,
 * which draws it as usual).
 */
import { useStoreApi } from '@xyflow/react';
import { memo, useCallback, useEffect, useMemo, useState } from 'react';
import { createPortal } from 'react-dom';
import { linkKey, useStatus } from '../run/statusStore';
import { useFlow } from '../store/instance';
import { attachPoint, edgePath, measuredSize, SIDES } from './edgePath';
import type { CanvasNode, FlowEdgeType } from './elements';

interface EdgeOverviewProps {
  readonly nodes: readonly CanvasNode[];
  /** The connections to draw (the ones not selected). */
  readonly edges: readonly FlowEdgeType[];
}

function EdgeOverviewView({ nodes, edges }: EdgeOverviewProps) {
  const store = useStoreApi<CanvasNode, FlowEdgeType>();
  const traced = useStatus((state) => state.traced?.links);
  // As on React Flow's edges (FlowEdge): each report of traffic remounts the pulse, which plays once.
  const activity = useStatus((state) => state.activity);
  // React Flow's layer that moves with the view, found once: its ViewportPortal looks it up with
  // querySelector in a store selector, that is on every step of a zoom.
  const [layer, setLayer] = useState<Element | null>(null);
  useEffect(
    () => setLayer(store.getState().domNode?.querySelector('.react-flow__viewport-portal') ?? null),
    [store],
  );
  const paths = useMemo(() => {
    // Positions from the nodes the canvas holds (a drag's latest step); handle offsets, which a
    // move does not change, from React Flow's measurement.
    const byId = new Map(nodes.map((node) => [node.id, node]));
    const { nodeLookup } = store.getState();
    return edges.flatMap((edge) => {
      const source = byId.get(edge.source);
      const target = byId.get(edge.target);
      if (!source || !target) return [];
      const from = attachPoint(
        source.position,
        measuredSize(source),
        nodeLookup.get(source.id)?.internals.handleBounds,
        'source',
      );
      const to = attachPoint(
        target.position,
        measuredSize(target),
        nodeLookup.get(target.id)?.internals.handleBounds,
        'target',
      );
      const geometry = { sourceX: from.x, sourceY: from.y, targetX: to.x, targetY: to.y, ...SIDES };
      return [{ edge, d: edgePath(geometry, measuredSize(source).height) }];
    });
  }, [nodes, edges, store]);

  /** Selects the connection clicked or chosen with Enter, as React Flow's own edges do. */
  const choose = useCallback((id: string, adding: boolean) => {
    const { selection, select } = useFlow.getState();
    select(
      adding
        ? { nodes: selection.nodes, edges: [...selection.edges.filter((e) => e !== id), id] }
        : { nodes: [], edges: [id] },
    );
  }, []);
  const onClick = useCallback(
    (event: React.MouseEvent) => {
      const id = (event.target as Element).getAttribute('data-id');
      if (!id) return;
      // Not a click on the empty canvas, which would clear the selection.
      event.stopPropagation();
      choose(id, event.shiftKey || event.metaKey || event.ctrlKey);
    },
    [choose],
  );
  const onKeyDown = useCallback(
    (event: React.KeyboardEvent) => {
      const id = (event.target as Element).getAttribute('data-id');
      if (!id || (event.key !== 'Enter' && event.key !== ' ')) return;
      event.preventDefault();
      choose(id, event.shiftKey);
    },
    [choose],
  );

  if (!layer) return null;
  return createPortal(
    <>
      {/* biome-ignore lint/a11y/useSemanticElements: an svg's group of connections, not a form. */}
      <svg
        className="edge-overview"
        data-testid="edge-overview"
        role="group"
        aria-label="Connections"
        onClick={onClick}
        onKeyDown={onKeyDown}
      >
        {paths.map(({ edge, d }) => {
          const key = linkKey(edge.source, edge.target);
          const lastActive = activity[key];
          return (
            <g key={edge.id}>
              <path
                d={d}
                className={`react-flow__edge-path flow-edge edge-${edge.data?.pattern ?? 'pipeline'}${traced?.has(key) ? ' traced' : ''}`}
              />
              {lastActive !== undefined && (
                <path key={lastActive} d={d} className="edge-pulse" data-testid={`pulse-${key}`} />
              )}
              {/* biome-ignore lint/a11y/noInteractiveElementToNoninteractiveRole lint/a11y/useSemanticElements: named and focusable like React Flow's edges (role group), so the same words find a connection at every zoom. */}
              <path
                d={d}
                className="edge-overview-hit"
                data-id={edge.id}
                role="group"
                tabIndex={0}
                aria-label={edge.ariaLabel}
              />
            </g>
          );
        })}
      </svg>
    </>,
    layer,
  );
}

export const EdgeOverview = memo(EdgeOverviewView);
