import { Background, Controls, ReactFlow } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { lazy, Suspense, useState } from 'react';
import { CATALOGUE, CONTAINER_KINDS } from '../flow/catalogue';

const YamlEditor = lazy(() => import('./editor/YamlEditor'));

export function App() {
  const [text, setText] = useState('# Flow Studio\n');
  return (
    <div className="app">
      <header className="app-header">
        <h1>ADMF-PC Flow Studio</h1>
      </header>
      <aside className="palette" aria-label="Palette">
        {CONTAINER_KINDS.map((kind) => (
          <section key={kind}>
            <h2>{kind}</h2>
            <ul>
              {CATALOGUE.filter((spec) => spec.kind === kind).map((spec) => (
                <li key={spec.id}>{spec.label}</li>
              ))}
            </ul>
          </section>
        ))}
      </aside>
      <main className="canvas" aria-label="Canvas">
        <ReactFlow nodes={[]} edges={[]} fitView>
          <Background />
          <Controls />
        </ReactFlow>
      </main>
      <section className="yaml" aria-label="YAML">
        <Suspense fallback={<p>Loading editor…</p>}>
          <YamlEditor value={text} onChange={setText} />
        </Suspense>
      </section>
    </div>
  );
}
