/**
 * Applies a FlowEdit to the YAML text by changing its document in place (yaml's Document API), so
 * the user's comments, key order and formatting outside the edit stay exactly as they were.
 */
import {
  type Document,
  isMap,
  isNode,
  isScalar,
  isSeq,
  type Node,
  parseDocument,
  type Scalar,
  type YAMLMap,
  type YAMLSeq,
} from 'yaml';
import { parseFeatureRef } from '../engine/components/features';
import {
  addRoute,
  removeFromEventSystem,
  renameInEventSystem,
  setEventSystem,
} from './applyEventSystem';
import { defaultParams, findComponent } from './catalogue';
import {
  blockEdges,
  canConnect,
  connectBlocks,
  disconnectBlocks,
  freshRouteCondition,
  type RawBlock,
  removeFromBlocks,
  targetsOf,
} from './connections';
import type { EditResult, FlowEdit } from './edits';
import { checkLimits } from './limits';
import type { Position } from './model';
import { uniqueName } from './names';
import { parseFlow } from './parse';
import { type PrintStyle, preserveFormatting, printStyle } from './preserve';
import { upgradeParams } from './renamed-params';
import { compactLeaves } from './serialize';

class EditError extends Error {}

/**
 * Line ends: yaml reads \r\n as a line break and prints \n. The lines an edit leaves alone keep
 * their own ends (preserveFormatting works line by line); the lines it writes take the text's
 * most common end, so a text written with \r\n stays \r\n, and one with mixed ends stays mixed.
 */
export function applyEdit(text: string, edit: FlowEdit): EditResult {
  // A text past the reader's limits would exhaust the parser (it may be a bad paste in the editor).
  if (checkLimits(text))
    return { ok: false, error: 'The YAML has errors: fix them in the editor first' };
  const doc = parseDocument(text, { uniqueKeys: true });
  if (doc.errors.length > 0)
    return { ok: false, error: 'The YAML has errors: fix them in the editor first' };
  if (doc.contents === null) doc.contents = doc.createNode({}) as unknown as typeof doc.contents;
  if (!isMap(doc.contents))
    return { ok: false, error: 'The document is not a flow (a mapping of keys)' };
  const style = printStyle(doc, text);
  const printedBefore = print(doc, style);
  try {
    const renamed = perform(doc, text, edit);
    const next = preserveFormatting(text, printedBefore, print(doc, style));
    return { ok: true, text: next, ...(renamed ? { renamed } : {}) };
  } catch (error) {
    if (error instanceof EditError) return { ok: false, error: error.message };
    // The YAML library refuses to print what the edit made of the user's text (an alias whose
    // anchor the edit changed or removed): the text stays as it was and the user is told why.
    return { ok: false, error: cannotWrite(error) };
  }
}

function cannotWrite(error: unknown): string {
  const alias = error instanceof Error && /alias/i.test(error.message);
  return alias
    ? 'This change cannot be written into the YAML: an alias (*name) there refers to an anchor (&name) the change would move or remove. Make the change in the editor.'
    : 'This change cannot be written into the YAML as it is written there. Make the change in the editor.';
}

function print(doc: Document, style: PrintStyle): string {
  return doc.toString({ lineWidth: 0, ...style });
}

function perform(doc: Document, text: string, edit: FlowEdit): Record<string, string> | undefined {
  switch (edit.type) {
    case 'setName':
      doc.set('name', edit.name);
      return undefined;
    case 'addContainer': {
      const name = uniqueName(edit.name, containerNames(doc));
      addContainer(doc, name, edit.component, edit.params, edit.position);
      return name === edit.name ? undefined : { [edit.name]: name };
    }
    case 'removeContainers': {
      const names = new Set(edit.names);
      writeBlocks(
        doc,
        edit.names.reduce((blocks, name) => removeFromBlocks(blocks, name), readBlocks(doc)),
      );
      writeRouting(
        doc,
        readRouting(doc).flatMap((route) => withoutTargets(route, names)),
      );
      for (const name of names) {
        containersMap(doc, false)?.delete(name);
        layoutMap(doc, false)?.delete(name);
      }
      removeFromEventSystem(doc, names);
      return undefined;
    }
    case 'renameContainer':
      renameContainer(doc, edit.from, edit.to);
      return undefined;
    case 'setComponent': {
      const spec = findComponent(edit.component);
      if (!spec) throw new EditError(`Unknown component "${edit.component}"`);
      requireContainer(doc, edit.container);
      doc.setIn(['containers', edit.container, 'component'], edit.component);
      doc.deleteIn(['containers', edit.container, 'kind']);
      // The old component's parameters mean nothing to the new one; its defaults apply unwritten.
      doc.deleteIn(['containers', edit.container, 'params']);
      return undefined;
    }
    case 'setParam': {
      requireContainer(doc, edit.container);
      const path = ['containers', edit.container, 'params'];
      if (!isMap(doc.getIn(path, true))) doc.setIn(path, blockMap(doc, {}));
      renameOldParams(doc, edit.container);
      doc.setIn([...path, edit.param], doc.createNode(edit.value));
      // A one-line map that has grown past the line width goes to one parameter a line.
      const params = doc.getIn(path, true) as YAMLMap;
      if (params.flow && flowLength(params) > MAX_LINE - 16) params.flow = false;
      return undefined;
    }
    case 'moveContainers':
      for (const [name, position] of Object.entries(edit.positions))
        setPosition(doc, name, position);
      return undefined;
    case 'connect': {
      const model = modelOf(text);
      const verdict = canConnect(model, edit.source, edit.target);
      if (!verdict.ok) throw new EditError(verdict.reason);
      const regimes = regimesOf(model, edit.source);
      writeBlocks(doc, connectBlocks(readBlocks(doc), edit.source, edit.target, regimes));
      return undefined;
    }
    case 'disconnect': {
      const blocks = readBlocks(doc);
      const inBlocks = blocks.some((block) =>
        blockEdges(block).some(([s, t]) => s === edit.source && t === edit.target),
      );
      if (inBlocks) writeBlocks(doc, disconnectBlocks(blocks, edit.source, edit.target));
      else
        writeRouting(
          doc,
          readRouting(doc).flatMap((route) =>
            route.source === edit.source ? withoutTargets(route, new Set([edit.target])) : [route],
          ),
        );
      return undefined;
    }
    case 'setPattern':
      setPattern(doc, text, edit.source, edit.pattern);
      return undefined;
    case 'setRouteCondition': {
      const [index, block] = selectiveOf(doc, edit.source);
      const routes = (block.routes as RawBlock[]).map((route, i) =>
        i === edit.index ? { ...route, condition: edit.condition } : route,
      );
      if (edit.index < 0 || edit.index >= routes.length)
        throw new EditError(`"${edit.source}" has no route ${edit.index + 1}`);
      replaceBlock(doc, index, { ...block, routes });
      return undefined;
    }
    case 'moveRoute': {
      const [index, block] = selectiveOf(doc, edit.source);
      const routes = [...(block.routes as RawBlock[])];
      const [moved] = routes.splice(edit.from, 1);
      if (!moved) throw new EditError(`"${edit.source}" has no route ${edit.from + 1}`);
      routes.splice(Math.max(0, Math.min(edit.to, routes.length)), 0, moved);
      replaceBlock(doc, index, { ...block, routes });
      return undefined;
    }
    case 'setDefaultRoute': {
      const [index, block] = selectiveOf(doc, edit.source);
      const next: Record<string, unknown> = { ...block };
      if (edit.target === null) delete next.default;
      else next.default = edit.target;
      replaceBlock(doc, index, next);
      return undefined;
    }
    case 'setRegime': {
      const blocks = readBlocks(doc);
      const index = blocks.findIndex(
        (block) => block.type === 'hierarchical' && block.parent === edit.parent,
      );
      if (index < 0) throw new EditError(`"${edit.parent}" is not the parent of a hierarchy`);
      const block = blocks[index]!;
      const regimes = (block.regimes ?? {}) as Record<string, string>;
      const children = (block.children as unknown[]).map((child) => {
        const name = typeof child === 'string' ? child : String((child as RawBlock).name);
        const regime =
          name === edit.child
            ? edit.regime
            : typeof child === 'string'
              ? (regimes[name] ?? name)
              : String((child as RawBlock).regime);
        return { name, regime };
      });
      const next: Record<string, unknown> = { ...block, children };
      delete next.regimes;
      replaceBlock(doc, index, next);
      return undefined;
    }
    case 'connectRoute': {
      const verdict = canConnect(modelOf(text), edit.source, edit.target);
      if (!verdict.ok) throw new EditError(verdict.reason);
      addRoute(doc, edit.source, edit.target, edit.events);
      return undefined;
    }
    case 'setEventSystem':
      setEventSystem(doc, edit.path, edit.value);
      return undefined;
    case 'paste':
      return paste(doc, edit.yaml, edit.offset);
    case 'setDisabled':
      for (const name of edit.names) {
        requireContainer(doc, name);
        const entry = containersMap(doc, false)!.get(name, true);
        if (isMap(entry) && entry.flow && edit.disabled) entry.flow = false;
        if (edit.disabled) doc.setIn(['containers', name, 'disabled'], true);
        else doc.deleteIn(['containers', name, 'disabled']);
      }
      return undefined;
    case 'addNote': {
      const notes = notesMap(doc, true)!;
      const taken = new Set(notes.items.map((pair) => String((pair.key as Scalar).value)));
      const id = uniqueName(edit.id, taken);
      const note = blockMap(doc, { text: edit.text });
      note.set('at', flowNode(doc, [Math.round(edit.position.x), Math.round(edit.position.y)]));
      notes.set(id, note);
      return id === edit.id ? undefined : { [edit.id]: id };
    }
    case 'setNoteText': {
      if (!notesMap(doc, false)?.has(edit.id)) throw new EditError(`No note "${edit.id}"`);
      // A fresh scalar, so that the text takes its own style (plain, or a block for lines).
      const text = doc.createNode(edit.text) as Scalar;
      if (edit.text.includes('\n')) text.type = 'BLOCK_LITERAL';
      doc.setIn(['notes', edit.id, 'text'], text);
      return undefined;
    }
    case 'moveNotes':
      for (const [id, position] of Object.entries(edit.positions)) {
        if (!notesMap(doc, false)?.has(id)) continue;
        doc.setIn(
          ['notes', id, 'at'],
          flowNode(doc, [Math.round(position.x), Math.round(position.y)]),
        );
      }
      return undefined;
    case 'removeNotes': {
      const notes = notesMap(doc, false);
      for (const id of edit.ids) notes?.delete(id);
      if (notes && notes.items.length === 0) doc.delete('notes');
      return undefined;
    }
  }
}

// ---- containers --------------------------------------------------------------------------

function containersMap(doc: Document, create: boolean): YAMLMap | undefined {
  const node = doc.get('containers', true);
  if (isMap(node)) return node;
  if (!create) return undefined;
  const map = doc.createNode({}) as YAMLMap;
  doc.set('containers', map);
  // Containers are the heart of a flow: keep them near the top, after name and description.
  return map;
}

function containerNames(doc: Document): Set<string> {
  const map = containersMap(doc, false);
  const names = new Set<string>();
  for (const pair of map?.items ?? []) if (isScalar(pair.key)) names.add(String(pair.key.value));
  for (const block of readBlocks(doc)) for (const [s, t] of blockEdges(block)) names.add(s).add(t);
  return names;
}

function requireContainer(doc: Document, name: string): void {
  if (!containersMap(doc, false)?.has(name)) throw new EditError(`No container named "${name}"`);
}

function addContainer(
  doc: Document,
  name: string,
  component: string,
  params: Readonly<Record<string, unknown>> | undefined,
  position: Position,
): void {
  const spec = findComponent(component);
  if (!spec) throw new EditError(`Unknown component "${component}"`);
  const map = containersMap(doc, true)!;
  const entry = doc.createNode({ component }) as YAMLMap;
  // Only what differs from the component's defaults is written (the inspector shows them all),
  // one parameter a line: a new container's YAML stays short and diffs well.
  const defaults = defaultParams(spec);
  const chosen = Object.entries(params ?? {}).filter(
    ([key, value]) => key in defaults && JSON.stringify(value) !== JSON.stringify(defaults[key]),
  );
  if (chosen.length > 0) entry.set('params', blockMap(doc, Object.fromEntries(chosen)));
  map.flow = false;
  map.set(name, entry);
  setPosition(doc, name, position);
}

/** Lines of the YAML Flow Studio writes stay within this width. */
const MAX_LINE = 100;

function blockMap(doc: Document, value: Record<string, unknown>): YAMLMap {
  const node = doc.createNode(value) as YAMLMap;
  node.flow = false;
  return node;
}

/** About how long a map is on one line: "{ a: 1, b: two }". */
function flowLength(map: YAMLMap): number {
  const value = map.toJSON() as Record<string, unknown>;
  return Object.entries(value).reduce(
    (sum, [key, item]) => sum + key.length + 4 + JSON.stringify(item).length,
    4,
  );
}

function flowNode(doc: Document, value: unknown): Node {
  const node = doc.createNode(value) as Node;
  if (isMap(node) || isSeq(node)) node.flow = true;
  return node;
}

function notesMap(doc: Document, create: boolean): YAMLMap | undefined {
  const node = doc.get('notes', true);
  if (isMap(node)) return node;
  if (!create) return undefined;
  const map = blockMap(doc, {});
  doc.set('notes', map);
  return map;
}

function layoutMap(doc: Document, create: boolean): YAMLMap | undefined {
  const node = doc.get('layout', true);
  if (isMap(node)) return node;
  if (!create) return undefined;
  const map = doc.createNode({}) as YAMLMap;
  doc.set('layout', map);
  return map;
}

function setPosition(doc: Document, name: string, position: Position): void {
  const map = layoutMap(doc, true)!;
  map.flow = false;
  const node = flowNode(doc, [Math.round(position.x), Math.round(position.y)]);
  // The user's comment on the position (`data: [10, 20]  # top left`) stays with it.
  const old = map.get(name, true);
  if (isNode(old)) {
    node.comment = old.comment;
    node.commentBefore = old.commentBefore;
  }
  map.set(name, node);
}

function renameContainer(doc: Document, from: string, to: string): void {
  if (!/^[A-Za-z][A-Za-z0-9_]*$/.test(to))
    throw new EditError('Names use letters, digits and underscores, starting with a letter');
  if (from === to) return;
  if (containerNames(doc).has(to))
    throw new EditError(`There is already a container named "${to}"`);
  const renameKey = (map: YAMLMap | undefined) => {
    const pair = map?.items.find((item) => isScalar(item.key) && item.key.value === from);
    if (pair) (pair.key as Scalar).value = to;
  };
  renameKey(containersMap(doc, false));
  renameKey(layoutMap(doc, false));
  const flow = doc.get('event_flow', true);
  const blocks = isSeq(flow) ? flow.items : flow ? [flow] : [];
  for (const block of blocks) if (isMap(block)) renameIn(block, from, to);
  const routing = doc.getIn(['event_system', 'routing'], true);
  if (isSeq(routing))
    for (const route of routing.items) if (isMap(route)) renameIn(route, from, to);
  renameInEventSystem(doc, from, to);
  renameFeatureReferences(doc, from, to);
}

/** Feature parameters that read an indicator by its container (`fast: sma_fast`) follow it. */
function renameFeatureReferences(doc: Document, from: string, to: string): void {
  for (const entry of containersMap(doc, false)?.items ?? []) {
    if (!isMap(entry.value)) continue;
    const component = entry.value.get('component');
    const spec = typeof component === 'string' ? findComponent(component) : undefined;
    const params = entry.value.get('params', true);
    if (!spec || !isMap(params)) continue;
    for (const pair of params.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : '';
      if (spec.params[key]?.type !== 'feature' || !isScalar(pair.value)) continue;
      const written = pair.value.value;
      if (typeof written !== 'string') continue;
      const ref = parseFeatureRef(written);
      if (ref.name === from) pair.value.value = ref.output === null ? to : `${to}.${ref.output}`;
    }
  }
}

/** Renames every reference inside one block or routing entry, scalar by scalar. */
function renameIn(map: YAMLMap, from: string, to: string): void {
  const rename = (node: unknown) => {
    if (isScalar(node) && node.value === from) node.value = to;
  };
  for (const pair of map.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : '';
    const value = pair.value;
    if (['source', 'parent', 'default', 'target', 'name'].includes(key)) rename(value);
    else if (['containers', 'targets', 'children', 'routes'].includes(key) && isSeq(value)) {
      for (const item of value.items) {
        rename(item);
        if (isMap(item)) renameIn(item, from, to);
      }
    } else if (key === 'regimes' && isMap(value)) {
      for (const entry of value.items) rename(entry.key);
    }
  }
}

// ---- blocks ------------------------------------------------------------------------------

function readBlocks(doc: Document): RawBlock[] {
  const value = doc.get('event_flow');
  const json =
    value && typeof value === 'object' && 'toJSON' in value
      ? (value as { toJSON(): unknown }).toJSON()
      : value;
  if (Array.isArray(json)) return json as RawBlock[];
  return json && typeof json === 'object' ? [json as RawBlock] : [];
}

/**
 * Writes the blocks back. A block object left unchanged keeps its node (and its comments); changed
 * and new blocks get fresh nodes. The seed's single-block form stays a single block while it can.
 */
function writeBlocks(doc: Document, blocks: readonly RawBlock[]): void {
  const before = readBlocks(doc);
  const node = doc.get('event_flow', true);
  const oldNodes: unknown[] = isSeq(node) ? node.items : node ? [node] : [];
  const items = blocks.map((block) => {
    const at = before.indexOf(block);
    return at >= 0 && oldNodes[at] ? oldNodes[at] : blockNode(doc, block);
  });
  if (isMap(node) && items.length === 1) {
    doc.set('event_flow', items[0]);
    return;
  }
  if (isSeq(node)) {
    node.items = items as YAMLSeq['items'];
    node.flow = false;
    return;
  }
  const seq = doc.createNode([]) as YAMLSeq;
  seq.items = items as YAMLSeq['items'];
  doc.set('event_flow', seq);
}

function blockNode(doc: Document, block: RawBlock): Node {
  const holder = doc.createNode({ block }) as YAMLMap;
  const node = holder.get('block', true) as Node;
  // Lists of names and small maps on one line, like the seed writes them.
  compactLeaves(node);
  return node;
}

function replaceBlock(doc: Document, index: number, block: RawBlock): void {
  const blocks = readBlocks(doc);
  blocks[index] = block;
  writeBlocks(doc, blocks);
}

function selectiveOf(doc: Document, source: string): [number, RawBlock] {
  const blocks = readBlocks(doc);
  const index = blocks.findIndex((block) => block.type === 'selective' && block.source === source);
  if (index < 0) throw new EditError(`"${source}" does not route selectively`);
  return [index, blocks[index]!];
}

function setPattern(
  doc: Document,
  text: string,
  source: string,
  pattern: 'pipeline' | 'broadcast' | 'hierarchical' | 'selective',
): void {
  const blocks = readBlocks(doc);
  const targets = targetsOf(blocks, source);
  if (targets.length === 0)
    throw new EditError(`"${source}" sends to nothing yet: connect it first`);
  const old = blocks.find(
    (block) => (block.type === 'hierarchical' ? block.parent : block.source) === source,
  );
  const rest = targets.reduce((acc, target) => disconnectBlocks(acc, source, target), blocks);
  const model = modelOf(text);
  switch (pattern) {
    case 'pipeline': {
      if (targets.length > 1)
        throw new EditError(
          `A pipeline goes to one container; "${source}" sends to ${targets.length}`,
        );
      writeBlocks(doc, connectBlocks(rest, source, targets[0]!, []));
      return;
    }
    case 'broadcast':
      writeBlocks(doc, [...rest, { type: 'broadcast', source, targets }]);
      return;
    case 'hierarchical': {
      const regimes = regimesOf(model, source);
      const children = targets.map((name, i) => ({
        name,
        regime:
          (old?.type === 'hierarchical' && regimeFrom(old, name)) ||
          regimes[i] ||
          `regime_${i + 1}`,
      }));
      writeBlocks(doc, [...rest, { type: 'hierarchical', parent: source, children }]);
      return;
    }
    case 'selective': {
      const conditions = new Map(
        old?.type === 'selective'
          ? (old.routes as RawBlock[]).map((route) => [
              String(route.target),
              String(route.condition),
            ])
          : [],
      );
      // Each new route gets its own condition: identical ones would make all but the first dead.
      const taken = [...conditions.values()];
      const routes = targets.map((target) => {
        const condition = conditions.get(target) ?? freshRouteCondition(taken);
        taken.push(condition);
        return { condition, target };
      });
      writeBlocks(doc, [...rest, { type: 'selective', source, routes }]);
      return;
    }
  }
}

function regimeFrom(block: RawBlock, child: string): string | undefined {
  for (const entry of block.children as unknown[]) {
    if (typeof entry === 'object' && entry !== null && (entry as RawBlock).name === child)
      return String((entry as RawBlock).regime);
  }
  return (block.regimes as Record<string, string> | undefined)?.[child];
}

function regimesOf(model: ReturnType<typeof modelOf>, name: string): readonly string[] {
  const container = model.containers.find((c) => c.name === name);
  return (container?.component && findComponent(container.component)?.regimes) || [];
}

function modelOf(text: string) {
  const parsed = parseFlow(text);
  if (!parsed.model)
    throw new EditError(
      'The flow has errors that keep it from being read: fix them in the editor first',
    );
  return parsed.model;
}

// ---- routing -----------------------------------------------------------------------------

interface RawRoute {
  readonly source: string;
  readonly targets: readonly string[];
  readonly [key: string]: unknown;
}

function readRouting(doc: Document): RawRoute[] {
  const value = doc.getIn(['event_system', 'routing']);
  const json =
    value && typeof value === 'object' && 'toJSON' in value
      ? (value as { toJSON(): unknown }).toJSON()
      : value;
  return Array.isArray(json) ? (json as RawRoute[]) : [];
}

function writeRouting(doc: Document, routes: readonly RawRoute[]): void {
  const before = readRouting(doc);
  const node = doc.getIn(['event_system', 'routing'], true);
  if (!isSeq(node)) return;
  if (routes.length === 0) {
    setEventSystem(doc, ['routing'], undefined);
    return;
  }
  node.items = routes.map((route) => {
    const at = before.indexOf(route);
    return at >= 0 ? node.items[at] : blockNode(doc, route);
  }) as YAMLSeq['items'];
}

function withoutTargets(route: RawRoute, names: ReadonlySet<string>): RawRoute[] {
  if (names.has(route.source)) return [];
  if (!route.targets.some((target) => names.has(target))) return [route];
  const targets = route.targets.filter((target) => !names.has(target));
  return targets.length === 0 ? [] : [{ ...route, targets }];
}

// ---- copy and paste ----------------------------------------------------------------------

/** The YAML of some containers and the connections among them, to paste elsewhere. */
export function copySelection(text: string, names: readonly string[]): string {
  const doc = parseDocument(text);
  const chosen = new Set(names);
  const containers: Record<string, unknown> = {};
  const all = (doc.get('containers') as YAMLMap | undefined)?.toJSON() as
    | Record<string, unknown>
    | undefined;
  for (const name of names) if (all?.[name]) containers[name] = all[name];
  const edges = readBlocks(doc)
    .flatMap(blockEdges)
    .filter(([s, t]) => chosen.has(s) && chosen.has(t));
  const layout = ((doc.get('layout') as YAMLMap | undefined)?.toJSON() ?? {}) as Record<
    string,
    unknown
  >;
  const fragment = parseDocument('{}');
  fragment.contents = fragment.createNode({
    containers,
    connections: edges,
    layout: Object.fromEntries(
      names.filter((name) => layout[name]).map((name) => [name, layout[name]]),
    ),
  }) as typeof fragment.contents;
  compactLeaves(fragment);
  return `# ADMF-PC Flow Studio selection\n${fragment.toString({ lineWidth: 0 })}`;
}

function paste(doc: Document, yaml: string, offset: Position): Record<string, string> {
  const fragment = checkLimits(yaml) ? null : parseDocument(yaml);
  const value =
    !fragment || fragment.errors.length > 0
      ? null
      : (fragment.toJS({ maxAliasCount: 100 }) as unknown);
  if (!value || typeof value !== 'object' || !('containers' in value)) {
    throw new EditError('The clipboard does not hold containers copied from Flow Studio');
  }
  const {
    containers = {},
    connections = [],
    layout = {},
  } = value as {
    containers?: Record<string, { component?: string; params?: Record<string, unknown> }>;
    connections?: [string, string][];
    layout?: Record<string, [number, number] | { x: number; y: number }>;
  };
  const taken = containerNames(doc);
  const renamed: Record<string, string> = {};
  for (const [name, container] of Object.entries(containers)) {
    if (!container?.component || !findComponent(container.component)) continue;
    const fresh = uniqueName(name, taken);
    taken.add(fresh);
    renamed[name] = fresh;
    const at = layout[name];
    const point = Array.isArray(at) ? { x: at[0], y: at[1] } : (at ?? { x: 0, y: 0 });
    addContainer(doc, fresh, container.component, container.params, {
      x: point.x + offset.x,
      y: point.y + offset.y,
    });
  }
  let blocks = readBlocks(doc);
  for (const [source, target] of connections) {
    if (renamed[source] && renamed[target])
      blocks = connectBlocks(blocks, renamed[source], renamed[target], []);
  }
  writeBlocks(doc, blocks);
  return renamed;
}

/**
 * An edit of a container rewrites its old parameter names (renamed-params.ts) under the names its
 * current model gives them first, so a model switched next can never reinterpret their numbers.
 */
function renameOldParams(doc: Document, container: string): void {
  const path = ['containers', container, 'params'];
  const component = doc.getIn(['containers', container, 'component']);
  const node = doc.getIn(path);
  if (typeof component !== 'string' || !isMap(node)) return;
  const params = node.toJSON() as Record<string, unknown>;
  for (const rename of upgradeParams(component, params).renames) {
    if (rename.to !== null) doc.setIn([...path, rename.to], doc.createNode(params[rename.from]));
    doc.deleteIn([...path, rename.from]);
  }
}
