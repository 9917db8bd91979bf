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

  const visit = (node: number): void => {
    index[node] = low[node] = counter++;
    stack.push(node);
    onStack[node] = true;
    for (const to of next[node]!) {
      if (index[to] === -1) {
        visit(to);
        low[node] = Math.min(low[node]!, low[to]!);
      } else if (onStack[to]) {
        low[node] = Math.min(low[node]!, index[to]!);
      }
    }
    if (low[node] === index[node]) {
      const component: number[] = [];
      let member: number;
      do {
        member = stack.pop()!;
        onStack[member] = false;
        component.push(member);
      } while (member !== node);
      const selfLoop = next[node]!.includes(node);
      if (component.length > 1 || selfLoop) components.push(component.sort((a, b) => a - b));
    }
  };
  for (let node = 0; node < count; node++) if (index[node] === -1) visit(node);
  return components;
}
