/** Finds the routes' strongly connected components, to name the containers of a runaway loop. */
/** Directed edges between numbered nodes. */
export interface Link {
  readonly source: number;
  readonly target: number;
}

export function cyclesAmong(count: number, routes: readonly Link[]): number[][] {
  const next: number[][] = Array.from({ length: count }, () => []);
  for (const route of routes) next[route.source]!.push(route.target);
  const index: number[] = new Array(count).fill(-1);
  const low: number[] = new Array(count).fill(0);
  const onStack: boolean[] = new Array(count).fill(false);
  const stack: number[] = [];
  const components: number[][] = [];
  let counter = 0;

  // Tarjan's algorithm with its own stack of frames rather than recursion: a pipeline of ten
  // thousand containers is a chain ten thousand deep, past the call stack of a browser.
  const visit = (root: number): void => {
    const frames: { node: number; edge: number }[] = [{ node: root, edge: 0 }];
    index[root] = low[root] = counter++;
    stack.push(root);
    onStack[root] = true;
    while (frames.length > 0) {
      const frame = frames[frames.length - 1]!;
      const node = frame.node;
      const edges = next[node]!;
      if (frame.edge < edges.length) {
        const to = edges[frame.edge++]!;
        if (index[to] === -1) {
          index[to] = low[to] = counter++;
          stack.push(to);
          onStack[to] = true;
          frames.push({ node: to, edge: 0 });
        } else if (onStack[to]) {
          low[node] = Math.min(low[node]!, index[to]!);
        }
        continue;
      }
      frames.pop();
      const parent = frames[frames.length - 1];
      if (parent) low[parent.node] = Math.min(low[parent.node]!, low[node]!);
      if (low[node] === index[node]) {
        const component: number[] = [];
        let member: number;
        do {
          member = stack.pop()!;
          onStack[member] = false;
          component.push(member);
        } while (member !== node);
        const selfLoop = edges.includes(node);
        if (component.length > 1 || selfLoop) components.push(component.sort((a, b) => a - b));
      }
    }
  };
  for (let node = 0; node < count; node++) if (index[node] === -1) visit(node);
  return components;
}
