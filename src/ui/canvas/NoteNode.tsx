/**
 * A note on the canvas, as n8n's sticky notes and Node-RED's comments: text for people, kept in
 * the YAML under `notes:`, ignored by the run. Double-click (or Enter when selected) to edit;
 * Escape or a click elsewhere keeps the text.
 */
import type { NodeProps } from '@xyflow/react';
import { memo, useEffect, useRef, useState } from 'react';
import { useFlow } from '../store/instance';
import type { NoteNode as NoteNodeType } from './elements';

function NoteView({ data, selected }: NodeProps<NoteNodeType>) {
  // A new, empty note opens ready for typing.
  const [draft, setDraft] = useState<string | null>(data.text === '' ? '' : null);
  const field = useRef<HTMLTextAreaElement>(null);
  const editing = draft !== null;
  useEffect(() => {
    if (!editing) return;
    // React Flow keeps a new node hidden until it has measured it, and a hidden field cannot take
    // the focus: try each frame until it has it (a few frames at most).
    let frame = 0;
    let tries = 0;
    const focus = () => {
      const element = field.current;
      if (!element || document.activeElement === element || tries++ > 30) return;
      element.focus();
      frame = requestAnimationFrame(focus);
    };
    focus();
    return () => cancelAnimationFrame(frame);
  }, [editing]);
  const save = () => {
    if (draft !== null && draft !== data.text)
      useFlow.getState().edit({ type: 'setNoteText', id: data.id, text: draft });
    setDraft(null);
  };
  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: the note is a React Flow node (focusable, labelled by React Flow); double-click and Enter edit it.
    <div
      className={`note-node${selected ? ' selected' : ''}`}
      style={{ width: data.width }}
      data-testid={`note-${data.id}`}
      onDoubleClick={() => setDraft(data.text)}
      onKeyDown={(event) => {
        if (draft === null && event.key === 'Enter') {
          event.preventDefault();
          setDraft(data.text);
        }
      }}
    >
      {draft === null ? (
        <p className="note-text">{data.text || 'Empty note: double-click to write'}</p>
      ) : (
        <textarea
          ref={field}
          className="note-editor nodrag nowheel"
          aria-label={`Text of note ${data.id}`}
          value={draft}
          rows={Math.max(3, draft.split('\n').length + 1)}
          onChange={(event) => setDraft(event.target.value)}
          onBlur={save}
          onKeyDown={(event) => {
            event.stopPropagation();
            if (event.key === 'Escape') save();
          }}
        />
      )}
    </div>
  );
}

export const NoteNode = memo(NoteView);
