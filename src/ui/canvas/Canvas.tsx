/**
 * The canvas: the flow drawn with React Flow. Every change made here (add, move, connect, delete)
 * is an edit of the YAML through the store; React Flow keeps only what is in motion (a drag in
 * progress, the selection) between edits.
 */
import {
  applyEdgeChanges,
  applyNodeChanges,
  Background,
  type Connection,
  Controls,
  type EdgeChange,
  MiniMap,
  type NodeChange,
  Panel,
  ReactFlow,
  useReactFlow,
} from '@xyflow/react';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { canConnect, findComponent, flowToGraph } from '../../flow';
import { useFlow } from '../store/instance';
import { ConnectModeToggle } from './ConnectModeToggle';
import { useConnectMode } from './connectMode';
import { EdgeOverview } from './EdgeOverview';
import {
  type CanvasNode,
  type FlowEdgeType,
  isNoteId,
  NOTE_PREFIX,
  reuseEdges,
  toElements,
} from './elements';
import { FlowEdge } from './FlowEdge';
import { FlowNode } from './FlowNode';
import { NoteNode } from './NoteNode';
import { useTextZoom } from './textZoom';
import './canvas.css';
import { attachCanvas, FIT_OPTIONS, MINIMAP_MIN_WIDTH, useCanvasView } from './view';

const nodeTypes = { container: FlowNode, note: NoteNode };
/**
 * React Flow can draw only the containers in view, but then every zoom or pan step mounts and
 * measures the ones coming into view (hundreds when zooming out of a large flow: 5 to 10 fps on 500
 * containers). Mounted once, they cost a move nothing but the view's transform, so culling waits
 * for flows far larger than any we measured (bench/canvas: 500 containers).
 */
const CULL_ABOVE = 2000;
const edgeTypes = { flow: FlowEdge };
export const COMPONENT_MIME = 'application/x-flow-studio-component';

interface CanvasProps {
  /** Double-click on the empty canvas: quick-add at that point. */
  readonly onQuickAdd: (position: { x: number; y: number }) => void;
  /** A YAML file dropped on the canvas. */
  readonly onFileDrop: (file: File) => void;
}

const KIND_COLOURS: Record<string, string> = {
  data: '#3b82f6',
  indicator: '#06b6d4',
  strategy: '#8b5cf6',
  classifier: '#d946ef',
  risk: '#f59e0b',
  execution: '#ef4444',
  portfolio: '#10b981',
};
/*
 * Props given to React Flow and its minimap are made once, here: the canvas re-renders on every
 * step of a drag, and a new function, object or array there counts as a change (the minimap
 * re-rendered all 500 of its nodes per step; a new callback costs a store update that runs every
 * node's and edge's selector).
 */
const minimapColour = (node: CanvasNode) =>
  KIND_COLOURS[(node.data as { kind?: string }).kind ?? ''] ?? '#888';
const MINIMAP_STYLE = { width: 150, height: 96 };
const MULTI_SELECT_KEYS = ['Shift', 'Meta', 'Control'];
const NO_EDGES: FlowEdgeType[] = [];

export function Canvas({ onQuickAdd, onFileDrop }: CanvasProps) {
  const model = useFlow((state) => state.model);
  const diagnostics = useFlow((state) => state.parsed.diagnostics);
  const outOfSync = useFlow((state) => state.outOfSync);
  const reading = useFlow((state) => state.reading);
  const flowId = useFlow((state) => state.flowId);
  const [nodes, setNodes] = useState<CanvasNode[]>([]);
  const [edges, setEdges] = useState<FlowEdgeType[]>([]);
  const [refusal, setRefusal] = useState<string | null>(null);
  const flow = useReactFlow<CanvasNode, FlowEdgeType>();
  const wrapper = useRef<HTMLDivElement>(null);
  const minimapChoice = useCanvasView((state) => state.minimap);
  const [wide, setWide] = useState(true);
  useEffect(() => {
    const element = wrapper.current;
    if (!element) return;
    const observer = new ResizeObserver(() => setWide(element.clientWidth >= MINIMAP_MIN_WIDTH));
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  useEffect(() => {
    attachCanvas(flow, wrapper.current);
    return () => attachCanvas(null, null);
  }, [flow]);

  // Semantic zoom, sized once a move ends (see textZoom.ts).
  const { onMoveStart, onMoveEnd, far } = useTextZoom(wrapper);

  // The nodes React Flow holds (positions mid-drag, selection) are read through a ref, so that a
  // new model is turned into elements once, outside any state updater.
  const nodesRef = useRef(nodes);
  nodesRef.current = nodes;
  useEffect(() => {
    // While a large flow's new text is read (in the reader worker), the model is the one before
    // the edit and the diagnostics a placeholder: elements made from them pulled a container just
    // dropped back to where it was until the read ended, and a drag begun meanwhile missed it.
    if (!model || reading) return;
    const { selection } = useFlow.getState();
    const next = toElements(model, diagnostics, nodesRef.current, new Set(selection.nodes));
    setNodes(next.nodes);
    setEdges((current) => reuseEdges(current, next.edges, new Set(selection.edges)));
  }, [model, diagnostics, reading]);

  // The store's selection is the truth (commands such as paste and select-all set it, and the
  // inspector keeps a connection selected when its pattern changes its id): mirror it.
  const selection = useFlow((state) => state.selection);
  useEffect(() => {
    const chosen = new Set(selection.nodes);
    setNodes((current) =>
      current.some((node) => (node.selected ?? false) !== chosen.has(node.id))
        ? current.map((node) => ({ ...node, selected: chosen.has(node.id) }))
        : current,
    );
    const chosenEdges = new Set(selection.edges);
    setEdges((current) =>
      current.some((edge) => (edge.selected ?? false) !== chosenEdges.has(edge.id))
        ? current.map((edge) => ({ ...edge, selected: chosenEdges.has(edge.id) }))
        : current,
    );
  }, [selection]);

  // A different flow opened: frame it.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs once per flow opened.
  useEffect(() => {
    const timer = setTimeout(() => flow.fitView({ ...FIT_OPTIONS, duration: 0 }), 30);
    return () => clearTimeout(timer);
  }, [flowId]);

  // Zoomed out to tiles, React Flow draws only the selected connections; the rest are one picture
  // (EdgeOverview.tsx). Only a move's end changes `far`, so no frame of a zoom pays for the switch.
  const [drawnEdges, pictured] = useMemo(() => {
    if (!far) return [edges, NO_EDGES];
    const selected = edges.filter((edge) => edge.selected);
    return [selected.length > 0 ? selected : NO_EDGES, edges.filter((edge) => !edge.selected)];
  }, [edges, far]);

  const onNodesChange = useCallback((changes: NodeChange<CanvasNode>[]) => {
    // Removals go through the YAML (the app's Delete shortcut); everything else (drag, select,
    // measure) stays local.
    setNodes((current) =>
      applyNodeChanges(
        changes.filter((change) => change.type !== 'remove'),
        current,
      ),
    );
  }, []);

  const onEdgesChange = useCallback((changes: EdgeChange<FlowEdgeType>[]) => {
    setEdges((current) =>
      applyEdgeChanges(
        changes.filter((change) => change.type !== 'remove'),
        current,
      ),
    );
  }, []);

  const onNodeDragStop = useCallback(
    (_event: unknown, _node: CanvasNode, dragged: CanvasNode[]) => {
      const notes = dragged.filter((node) => isNoteId(node.id));
      const containers = dragged.filter((node) => !isNoteId(node.id));
      if (containers.length > 0)
        useFlow.getState().edit({
          type: 'moveContainers',
          positions: Object.fromEntries(containers.map((node) => [node.id, node.position])),
        });
      if (notes.length > 0)
        useFlow.getState().edit({
          type: 'moveNotes',
          positions: Object.fromEntries(
            notes.map((node) => [node.id.slice(NOTE_PREFIX.length), node.position]),
          ),
        });
    },
    [],
  );

  const isValidConnection = useCallback((connection: Connection | FlowEdgeType) => {
    const current = useFlow.getState().model;
    if (!current || !connection.source || !connection.target) return false;
    const verdict = canConnect(current, connection.source, connection.target);
    setRefusal(verdict.ok ? null : verdict.reason);
    return verdict.ok;
  }, []);

  const onConnectEnd = useCallback(() => setRefusal(null), []);

  const onConnect = useCallback((connection: Connection) => {
    setRefusal(null);
    const { source, target } = connection;
    if (useConnectMode.getState().mode === 'route') {
      // A new route is selected at once, so its types, filters and transformation can be set.
      const result = useFlow.getState().edit({ type: 'connectRoute', source, target }, null);
      const model = useFlow.getState().model;
      if (!result.ok || !model) return;
      const edge = flowToGraph(model)
        .edges.filter((e) => e.pattern === 'route' && e.source === source && e.target === target)
        .at(-1);
      if (edge) useFlow.getState().select({ nodes: [], edges: [edge.id] });
      return;
    }
    useFlow.getState().edit({ type: 'connect', source, target }, null);
  }, []);

  const onSelectionChange = useCallback(
    ({ nodes: picked, edges: chosen }: { nodes: CanvasNode[]; edges: FlowEdgeType[] }) => {
      useFlow
        .getState()
        .select({ nodes: picked.map((node) => node.id), edges: chosen.map((edge) => edge.id) });
    },
    [],
  );

  // What a drag over the canvas would do, said while it is over it.
  const [dropHint, setDropHint] = useState<'file' | 'component' | null>(null);
  const onDragOver = useCallback((event: React.DragEvent) => {
    const file = event.dataTransfer.types.includes('Files');
    if (file || event.dataTransfer.types.includes(COMPONENT_MIME)) {
      event.preventDefault();
      event.dataTransfer.dropEffect = 'copy';
      setDropHint(file ? 'file' : 'component');
    }
  }, []);
  const onDragLeave = useCallback((event: React.DragEvent) => {
    if (!wrapper.current?.contains(event.relatedTarget as Node | null)) setDropHint(null);
  }, []);

  const onDrop = useCallback(
    (event: React.DragEvent) => {
      event.preventDefault();
      setDropHint(null);
      const file = event.dataTransfer.files[0];
      if (file) {
        onFileDrop(file);
        return;
      }
      const component = event.dataTransfer.getData(COMPONENT_MIME);
      const spec = findComponent(component);
      if (!spec) return;
      const position = flow.screenToFlowPosition({ x: event.clientX, y: event.clientY });
      useFlow.getState().edit(
        {
          type: 'addContainer',
          name: spec.id,
          component: spec.id,
          position: { x: position.x - 90, y: position.y - 30 },
        },
        null,
      );
    },
    [flow, onFileDrop],
  );

  const onDoubleClick = useCallback(
    (event: React.MouseEvent) => {
      if (!(event.target as HTMLElement).classList.contains('react-flow__pane')) return;
      onQuickAdd(flow.screenToFlowPosition({ x: event.clientX, y: event.clientY }));
    },
    [flow, onQuickAdd],
  );

  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: a double-click on the empty canvas is a mouse shortcut for quick-add, which Ctrl+K and the toolbar also open.
    <div
      className="canvas-wrapper"
      ref={wrapper}
      onDoubleClick={onDoubleClick}
      onDragLeave={onDragLeave}
      data-testid="canvas"
      data-drop={dropHint ?? undefined}
    >
      <ReactFlow<CanvasNode, FlowEdgeType>
        nodes={nodes}
        edges={drawnEdges}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onNodeDragStop={onNodeDragStop}
        onConnect={onConnect}
        onConnectEnd={onConnectEnd}
        isValidConnection={isValidConnection}
        onSelectionChange={onSelectionChange}
        onMoveStart={onMoveStart}
        onMoveEnd={onMoveEnd}
        onDragOver={onDragOver}
        onDrop={onDrop}
        zoomOnDoubleClick={false}
        colorMode="system"
        minZoom={0.05}
        maxZoom={2.5}
        onlyRenderVisibleElements={nodes.length > CULL_ABOVE}
        // Delete and Backspace are handled by the app's shortcuts, from the store's selection.
        deleteKeyCode={null}
        multiSelectionKeyCode={MULTI_SELECT_KEYS}
        fitView
        fitViewOptions={FIT_OPTIONS}
        aria-label="Flow canvas"
      >
        {/* Zoomed out to tiles its dots are under half a pixel wide (not seen), yet rastering
            them at each step of a zoom took a quarter of the raster threads' time: left out. */}
        {!far && <Background gap={24} />}
        {far && <EdgeOverview nodes={nodes} edges={pictured} />}
        <Controls position="top-right" showInteractive={false} />
        {(minimapChoice ?? wide) && (
          <MiniMap
            pannable
            zoomable
            position="bottom-right"
            style={MINIMAP_STYLE}
            nodeColor={minimapColour}
            ariaLabel="Mini map"
          />
        )}
        {dropHint && (
          <Panel position="top-center" className="drop-hint" role="status">
            {dropHint === 'file'
              ? 'Drop the YAML file to open it as a new flow'
              : 'Drop to add the component here'}
          </Panel>
        )}
        {outOfSync && (
          <Panel position="top-center" className="out-of-sync" role="status">
            {reading
              ? 'Reading the YAML…'
              : 'The YAML has errors: the canvas shows the last flow that could be read.'}
          </Panel>
        )}
        {refusal && (
          <Panel position="top-left" className="connection-refused" role="alert">
            Cannot connect: {refusal}
          </Panel>
        )}
        {/* Above the legend: both say how the connections read. */}
        <Panel position="bottom-left" className="canvas-connect" style={{ marginBottom: 48 }}>
          <ConnectModeToggle />
        </Panel>
        <Panel position="bottom-left" className="legend" aria-label="Legend">
          <span className="legend-item pipeline">pipeline</span>
          <span className="legend-item broadcast">broadcast</span>
          <span className="legend-item hierarchical">hierarchical</span>
          <span className="legend-item selective">selective</span>
          <span className="legend-item route">route</span>
          <span className="legend-item feedback">feedback</span>
        </Panel>
      </ReactFlow>
    </div>
  );
}
