/**
 * Which bars the run plays: the flow's own data containers (a sample set, or the synthetic
 * generator with its parameters and seed, edited here with the catalogue's forms), or a CSV the
 * user uploads, parsed in the worker with progress and errors that name the row and column.
 */
import { useRef, useState } from 'react';
import { type FlowContainer, findComponent } from '../../flow';
import { ParamList } from '../inspector/ParamList';
import { useFlow } from '../store/instance';
import { formatTime } from './format';
import { useRun } from './runStore';
import { formatSize } from './savedUpload';

const SOURCES = [
  { value: 'sample_bars', label: 'Sample data' },
  { value: 'synthetic_bars', label: 'Synthetic data' },
  { value: 'csv_bars', label: 'CSV file (upload below)' },
] as const;

function DataContainerForm({ container }: { container: FlowContainer }) {
  const edit = useFlow((state) => state.edit);
  const spec = container.component ? findComponent(container.component) : undefined;
  return (
    <fieldset className="data-container">
      <legend>{container.name}</legend>
      <label>
        Source
        <select
          value={container.component ?? ''}
          onChange={(event) =>
            edit({ type: 'setComponent', container: container.name, component: event.target.value })
          }
        >
          {SOURCES.map((source) => (
            <option key={source.value} value={source.value}>
              {source.label}
            </option>
          ))}
        </select>
      </label>
      {spec && (
        <div className="data-params">
          <ParamList container={container} spec={spec} features={[]} />
        </div>
      )}
    </fieldset>
  );
}

export function DataPanel() {
  const model = useFlow((state) => state.model);
  const data = useRun((state) => state.data);
  const upload = useRun((state) => state.upload);
  const uploadProgress = useRun((state) => state.uploadProgress);
  const uploadProblems = useRun((state) => state.uploadProblems);
  const chooseData = useRun((state) => state.chooseData);
  const uploadCsv = useRun((state) => state.uploadCsv);
  const removeUpload = useRun((state) => state.removeUpload);
  const uploadNote = useRun((state) => state.uploadNote);
  const input = useRef<HTMLInputElement>(null);
  const [dragging, setDragging] = useState(false);
  const containers = model?.containers.filter((container) => container.kind === 'data') ?? [];

  const take = (file: File | undefined) => {
    if (file) uploadCsv(file);
  };

  return (
    <div className="data-panel">
      <fieldset className="data-choice">
        <legend>Bars for this run</legend>
        <label>
          <input
            type="radio"
            name="data-choice"
            checked={data.kind === 'flow'}
            onChange={() => chooseData({ kind: 'flow' })}
          />
          The flow's data containers
        </label>
        <label>
          <input
            type="radio"
            name="data-choice"
            checked={data.kind === 'upload'}
            disabled={!upload}
            onChange={() => chooseData({ kind: 'upload' })}
          />
          My CSV file{upload ? ` (${upload.name})` : ' (upload one first)'}
        </label>
      </fieldset>
      <div className="data-columns">
        <div>
          {containers.length === 0 && (
            <p className="hint">The flow has no data container: add one from the palette.</p>
          )}
          {containers.map((container) => (
            <DataContainerForm key={container.name} container={container} />
          ))}
        </div>
        <section
          className={`upload${dragging ? ' dragging' : ''}`}
          aria-label="Upload a CSV"
          onDragOver={(event) => {
            event.preventDefault();
            setDragging(true);
          }}
          onDragLeave={() => setDragging(false)}
          onDrop={(event) => {
            event.preventDefault();
            setDragging(false);
            take(event.dataTransfer.files[0]);
          }}
        >
          <h3>Your own bars</h3>
          <p className="hint">
            A CSV with a header: date (or datetime), open, high, low, close, volume; common
            spellings are recognised, and an optional symbol column gives several symbols. It
            replaces every data container's bars for the run.
          </p>
          <input
            ref={input}
            type="file"
            accept=".csv,text/csv"
            aria-label="CSV file of bars"
            onChange={(event) => {
              take(event.target.files?.[0]);
              event.target.value = '';
            }}
          />
          {uploadProgress !== null && (
            <progress
              max={1}
              value={uploadProgress}
              aria-label="Reading the CSV"
              className="upload-progress"
            />
          )}
          {upload && !uploadProblems && (
            <div className="upload-ok">
              <p role="status">
                {upload.name} ({formatSize(upload.size)}): {upload.rows.toLocaleString('en-US')}{' '}
                bars of {upload.symbol}, from {formatTime(upload.first)} to{' '}
                {formatTime(upload.last)}.
                {uploadNote ? '' : ' Kept in this browser for your next visit.'}
              </p>
              <button type="button" onClick={removeUpload}>
                Remove {upload.name}
              </button>
            </div>
          )}
          {uploadNote && (
            <p className="upload-problems" role="alert">
              {uploadNote}
            </p>
          )}
          {uploadProblems && (
            <div className="upload-problems" role="alert">
              <p>
                {uploadProblems.name} was not loaded
                {upload ? `; runs still use ${upload.name}` : ''}:
              </p>
              <ul>
                {uploadProblems.problems.map((problem) => (
                  <li key={`${problem.line}-${problem.column}-${problem.message}`}>
                    {problem.line ? `Line ${problem.line}` : 'File'}
                    {problem.column ? `, column “${problem.column}”` : ''}: {problem.message}
                  </li>
                ))}
              </ul>
            </div>
          )}
        </section>
      </div>
    </div>
  );
}
