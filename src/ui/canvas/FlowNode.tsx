/** One look per kind of container: its component, its name, its key parameters and live status. */
import { Handle, type NodeProps, Position } from '@xyflow/react';
import { memo } from 'react';
import { Icon } from '../icons';
import { useContainerStatus, useIsStepped, useIsTraced } from '../run/statusStore';
import type { ContainerNode } from './elements';
import '../eventSystem.css';

function FlowNodeView({ data, selected }: NodeProps<ContainerNode>) {
  const status = useContainerStatus(data.name);
  const traced = useIsTraced(data.name);
  const stepped = useIsStepped(data.name);
  const problem = data.errors > 0 ? 'error' : data.warnings > 0 ? 'warning' : null;
  const breaker = status?.breaker ?? 'closed';
  return (
    <div
      className={`flow-node kind-${data.kind}${selected ? ' selected' : ''}${problem ? ` has-${problem}` : ''}${breaker !== 'closed' ? ` breaker-${breaker}` : ''}${traced ? ' traced' : ''}${stepped ? ' stepped' : ''}${data.disabled ? ' disabled' : ''}`}
      title={data.firstProblem ?? undefined}
      data-testid={`node-${data.name}`}
    >
      {data.kind !== 'data' && (
        <Handle
          type="target"
          position={Position.Left}
          className="handle-in"
          title={`Receives: ${data.consumes.join(', ') || 'anything (passes it on)'}`}
        />
      )}
      <div className="flow-node-head">
        <span className="flow-node-icon" title={data.kind}>
          <Icon name={data.kind} size={16} />
        </span>
        <span className="flow-node-label">{data.label}</span>
        {/* Zoomed out, the name takes the label's place (CSS picks which one shows). */}
        <span className="flow-node-name" aria-hidden>
          {data.name}
        </span>
        {data.disabled && (
          <span className="flow-node-off" title="Disabled: events pass through unchanged">
            <Icon name="disabled" size={14} />
            off
          </span>
        )}
        {problem && (
          <span
            className={`flow-node-problem ${problem}`}
            role="img"
            aria-label={`${data.errors} errors, ${data.warnings} warnings`}
          >
            {problem === 'error' ? '!' : '⚠'}
          </span>
        )}
      </div>
      <div className="flow-node-name">{data.name}</div>
      {data.summary.length > 0 && (
        <dl className="flow-node-params">
          {data.summary.map(([label, value]) => (
            <div key={label}>
              <dt>{label}</dt>
              <dd>{value}</dd>
            </div>
          ))}
        </dl>
      )}
      {(data.faults || data.attempts > 1) && (
        <div className="node-resilience" data-testid={`resilience-${data.name}`}>
          {data.faults && (
            <span className="node-faults" title="Faults injected on purpose (inspector: Faults)">
              ⚡ {data.faults}
            </span>
          )}
          {data.attempts > 1 && (
            <span title="Its retry policy: deliveries in all">↻ ×{data.attempts}</span>
          )}
        </div>
      )}
      {status && (
        // biome-ignore lint/a11y/useSemanticElements: a live counter group inside a node, not a form.
        <div
          className="flow-node-status"
          role="group"
          data-testid={`status-${data.name}`}
          aria-label={`in ${status.in}, out ${status.out}, errors ${status.errors}, retries ${status.retries}, queued ${status.queued}, dead letters ${status.deadLettered}, breaker ${breaker.replace('_', '-')}`}
        >
          <span title="events in">
            <Icon name="eventIn" size={12} />
            {status.in}
          </span>
          <span title="events out">
            <Icon name="eventOut" size={12} />
            {status.out}
          </span>
          {status.errors > 0 && (
            <span
              className="status-errors"
              title="handler failures (each retried, or dead-lettered after its last attempt)"
            >
              <Icon name="error" size={12} />
              {status.errors}
            </span>
          )}
          {status.queued > 0 && (
            <span title="queued" data-testid={`queued-${data.name}`}>
              <Icon name="queued" size={12} />
              {status.queued}
            </span>
          )}
          {status.deadLettered > 0 && (
            <span className="status-errors" title="its events dead-lettered downstream">
              <Icon name="deadLetter" size={12} />
              {status.deadLettered}
            </span>
          )}
          {status.retries > 0 && (
            <span title="retries made" data-testid={`retries-${data.name}`}>
              ↻{status.retries}
            </span>
          )}
          {breaker !== 'closed' && (
            <span
              className={`node-breaker ${breaker}`}
              title={`Circuit breaker ${breaker.replace('_', '-')}: ${status.breakerReason ?? ''}${status.rejected > 0 ? ` (${status.rejected} refused so far)` : ''}`}
              data-testid={`breaker-${data.name}`}
            >
              {breaker === 'open' ? 'breaker open' : 'half-open'}
            </span>
          )}
        </div>
      )}
      <Handle
        type="source"
        position={Position.Right}
        className="handle-out"
        title={`Sends: ${data.emits.join(', ') || 'what it receives'}`}
      />
    </div>
  );
}

export const FlowNode = memo(FlowNodeView);
