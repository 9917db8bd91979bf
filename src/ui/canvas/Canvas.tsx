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
import { useCallback, useEffect, useRef, useState } from 'react';
import { canConnect, findComponent } from '../../flow';
import { useFlow } from '../store/instance';
import { type ContainerNode, type FlowEdgeType, toElements } from './elements';
import { FlowEdge } from './FlowEdge';
import { FlowNode } from './FlowNode';
import { attachCanvas, FIT_OPTIONS } from './view';

const nodeTypes = { container: FlowNode };
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

export function Canvas({ onQuickAdd, onFileDrop }: CanvasProps) {
  const model = useFlow((state) => state.model);
  const diagnostics = useFlow((state) => state.parsed.diagnostics);
  const outOfSync = useFlow((state) => state.outOfSync);
  const flowId = useFlow((state) => state.flowId);
  const [nodes, setNodes] = useState<ContainerNode[]>([]);
  const [edges, setEdges] = useState<FlowEdgeType[]>([]);
  const [refusal, setRefusal] = useState<string | null>(null);
  const flow = useReactFlow<ContainerNode, FlowEdgeType>();
  const wrapper = useRef<HTMLDivElement>(null);
  useEffect(() => {
    attachCanvas(flow, wrapper.current);
    return () => attachCanvas(null, null);
  }, [flow]);

  // The nodes React Flow holds (positions mid-drag, selection) are read through a ref, so that a
  // new model is turned into elements once, outside any state updater.
  const nodesRef = useRef(nodes);
  nodesRef.current = nodes;
  const edgesRef = useRef(edges);
  edgesRef.current = edges;
  useEffect(() => {
    if (!model) return;
    const chosen = new Set(useFlow.getState().selection.nodes);
    const next = toElements(model, diagnostics, nodesRef.current, chosen);
    const selected = new Set(
      edgesRef.current.filter((edge) => edge.selected).map((edge) => edge.id),
    );
    setNodes(next.nodes);
    setEdges(
      next.edges.map((edge) => (selected.has(edge.id) ? { ...edge, selected: true } : edge)),
    );
  }, [model, diagnostics]);

  // The store's selection is the truth (commands such as paste and select-all set it): mirror it.
  const selection = useFlow((state) => state.selection);
  useEffect(() => {
    const chosen = new Set(selection.nodes);
    setNodes((current) =>
      current.some((node) => (node.selected ?? false) !== chosen.has(node.id))
        ? current.map((node) => ({ ...node, selected: chosen.has(node.id) }))
        : current,
    );
  }, [selection]);

  // A different flow opened: frame it.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs once per flow opened.
  useEffect(() => {
    const timer = setTimeout(() => flow.fitView({ ...FIT_OPTIONS, duration: 0 }), 30);
    return () => clearTimeout(timer);
  }, [flowId]);

  const onNodesChange = useCallback((changes: NodeChange<ContainerNode>[]) => {
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
    (_event: unknown, _node: ContainerNode, dragged: ContainerNode[]) => {
      const positions = Object.fromEntries(dragged.map((node) => [node.id, node.position]));
      useFlow.getState().edit({ type: 'moveContainers', positions }, null);
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

  const onConnect = useCallback((connection: Connection) => {
    setRefusal(null);
    useFlow
      .getState()
      .edit({ type: 'connect', source: connection.source, target: connection.target }, null);
  }, []);

  const onSelectionChange = useCallback(
    ({ nodes: picked, edges: chosen }: { nodes: ContainerNode[]; edges: FlowEdgeType[] }) => {
      useFlow
        .getState()
        .select({ nodes: picked.map((node) => node.id), edges: chosen.map((edge) => edge.id) });
    },
    [],
  );

  const onDragOver = useCallback((event: React.DragEvent) => {
    if (
      event.dataTransfer.types.includes(COMPONENT_MIME) ||
      event.dataTransfer.types.includes('Files')
    ) {
      event.preventDefault();
      event.dataTransfer.dropEffect = 'copy';
    }
  }, []);

  const onDrop = useCallback(
    (event: React.DragEvent) => {
      event.preventDefault();
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
      data-testid="canvas"
    >
      <ReactFlow<ContainerNode, FlowEdgeType>
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onNodeDragStop={onNodeDragStop}
        onConnect={onConnect}
        onConnectEnd={() => setRefusal(null)}
        isValidConnection={isValidConnection}
        onSelectionChange={onSelectionChange}
        onDragOver={onDragOver}
        onDrop={onDrop}
        zoomOnDoubleClick={false}
        colorMode="system"
        minZoom={0.05}
        maxZoom={2.5}
        onlyRenderVisibleElements={nodes.length > 150}
        // Delete and Backspace are handled by the app's shortcuts, from the store's selection.
        deleteKeyCode={null}
        multiSelectionKeyCode={['Shift', 'Meta', 'Control']}
        fitView
        fitViewOptions={FIT_OPTIONS}
        aria-label="Flow canvas"
      >
        <Background gap={24} />
        <Controls position="top-right" showInteractive={false} />
        <MiniMap
          pannable
          zoomable
          position="bottom-right"
          style={{ width: 150, height: 96 }}
          nodeColor={(node) => KIND_COLOURS[(node.data as { kind?: string }).kind ?? ''] ?? '#888'}
          ariaLabel="Mini map"
        />
        {outOfSync && (
          <Panel position="top-center" className="out-of-sync" role="status">
            The YAML has errors: the canvas shows the last flow that could be read.
          </Panel>
        )}
        {refusal && (
          <Panel position="top-left" className="connection-refused" role="alert">
            Cannot connect: {refusal}
          </Panel>
        )}
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
