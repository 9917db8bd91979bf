/**
 * The connections of a flow zoomed out to tiles, drawn as one picture: one svg under the
 * containers instead of one React Flow edge each (and, while containers are dragged, their
 * connections in a second, small one). Each edge React Flow draws is an svg of its own
 * (a layer Chromium places and hit-tests on every frame of a zoom) and a component whose position
 * React Flow works out again on every step of the view (450 of them on the 500-container flow).
 * Zoomed out that far, a connection has no label to show and its handles are hidden, so nothing is
 * lost: each is still drawn with its pattern's look, glows as a run's events cross it, and a click on
 * one selects it, as does Enter on one reached with Tab (a selected one is left to React Flow,
 * which draws it as usual).
 */
import { useStoreApi } from '@xyflow/react';
import { memo, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import { linkKey, useStatus } from '../run/statusStore';
import { useFlow } from '../store/instance';
import { type Drawn, drawConnections } from './edgePath';
import type { CanvasNode, FlowEdgeType } from './elements';

interface EdgeOverviewProps {
  readonly nodes: readonly CanvasNode[];
  /** The connections to draw (the ones not selected). */
  readonly edges: readonly FlowEdgeType[];
}

interface OverviewEdgeProps {
  readonly edge: FlowEdgeType;
  readonly d: string;
  readonly traced: boolean;
  /** When a run's events last crossed it: each new time remounts the pulse, which plays once. */
  readonly lastActive: number | undefined;
}

/** One connection of the picture; renders again only when its path, trace or pulse changes. */
const OverviewEdge = memo(function OverviewEdge({
  edge,
  d,
  traced,
  lastActive,
}: OverviewEdgeProps) {
  return (
    <g>
      <path
        d={d}
        className={`react-flow__edge-path flow-edge edge-${edge.data?.pattern ?? 'pipeline'}${traced ? ' traced' : ''}`}
      />
      {lastActive !== undefined && (
        <path
          key={lastActive}
          d={d}
          className="edge-pulse"
          data-testid={`pulse-${linkKey(edge.source, edge.target)}`}
        />
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
});

interface PictureProps {
  readonly drawn: readonly Drawn[];
  readonly traced: ReadonlySet<string> | undefined;
  readonly activity: Readonly<Record<string, number>>;
}

/** One svg of connections; not rendered again while it holds the very same drawn connections. */
const Picture = memo(
  function Picture({ drawn, traced, activity }: PictureProps) {
    return (
      // biome-ignore lint/a11y/noSvgWithoutTitle: each connection in it is named, and the group around it is named Connections.
      <svg className="edge-overview-picture">
        {drawn.map(({ edge, d }) => {
          const key = linkKey(edge.source, edge.target);
          return (
            <OverviewEdge
              key={edge.id}
              edge={edge}
              d={d}
              traced={traced?.has(key) ?? false}
              lastActive={activity[key]}
            />
          );
        })}
      </svg>
    );
  },
  (before, now) =>
    before.traced === now.traced &&
    before.activity === now.activity &&
    before.drawn.length === now.drawn.length &&
    before.drawn.every((drawn, i) => drawn === now.drawn[i]),
);

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
  // A drag moves one container a step at a time: only the connections of the containers that
  // changed get a new path (and render again); the rest keep theirs (cached by the very node,
  // connection and handle objects they were drawn from).
  const drawnBefore = useRef(new Map<string, Drawn>());
  const paths = useMemo(() => {
    const drawn = drawConnections(nodes, edges, store.getState().nodeLookup, drawnBefore.current);
    drawnBefore.current = drawn;
    return [...drawn.values()];
  }, [nodes, edges, store]);
  // The connections of the containers being dragged are a picture of their own: a change to one
  // path makes Chromium record its whole svg again (1,350 paths on the 500-container flow, 1.5 to
  // 2 ms a step of a drag, the drag's whole paint), so the rest are left as they are until the drop.
  const [still, moving] = useMemo(() => {
    const split: [Drawn[], Drawn[]] = [[], []];
    for (const drawn of paths)
      split[drawn.source.dragging || drawn.target.dragging ? 1 : 0].push(drawn);
    return split;
  }, [paths]);

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
    // biome-ignore lint/a11y/useSemanticElements: a group of connections drawn in svg, not a form.
    <div
      className="edge-overview"
      data-testid="edge-overview"
      role="group"
      aria-label="Connections"
      onClick={onClick}
      onKeyDown={onKeyDown}
    >
      <Picture drawn={still} traced={traced} activity={activity} />
      {moving.length > 0 && <Picture drawn={moving} traced={traced} activity={activity} />}
    </div>,
    layer,
  );
}

export const EdgeOverview = memo(EdgeOverviewView);
