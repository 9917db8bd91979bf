/**
 * The app's icons: small stroke drawings on a 16-unit grid in the current text colour, shipped
 * with the app (no icon font, nothing to download). One per kind of container, and the commands'.
 */
import type { ReactNode } from 'react';

const PATHS: Readonly<Record<string, ReactNode>> = {
  // Kinds of container.
  data: (
    <>
      <ellipse cx="8" cy="3.5" rx="5.5" ry="2" />
      <path d="M2.5 3.5v9c0 1.1 2.5 2 5.5 2s5.5-.9 5.5-2v-9M2.5 8c0 1.1 2.5 2 5.5 2s5.5-.9 5.5-2" />
    </>
  ),
  indicator: <path d="M1.5 12.5l4-5 3 3 5.5-7M1.5 14.5h13" />,
  strategy: (
    <>
      <circle cx="8" cy="8" r="6" />
      <circle cx="8" cy="8" r="2.5" />
      <path d="M8 1v2M8 13v2M1 8h2M13 8h2" />
    </>
  ),
  classifier: <path d="M1.5 2.5h6l7 7-5 5-7-7zM5 5.5h.01" />,
  risk: <path d="M8 1.5l5.5 2v4.2c0 3.2-2.3 5.7-5.5 6.8-3.2-1.1-5.5-3.6-5.5-6.8V3.5z" />,
  execution: <path d="M9 1.5L3 9h5l-1 5.5L13 7H8z" />,
  portfolio: (
    <>
      <rect x="1.5" y="4.5" width="13" height="9.5" rx="1.5" />
      <path d="M5.5 4.5V3a1 1 0 011-1h3a1 1 0 011 1v1.5M1.5 8.5h13" />
    </>
  ),
  // Commands.
  undo: <path d="M5 3.5L2 6.5l3 3M2.5 6.5h7a4 4 0 010 8H7" />,
  redo: <path d="M11 3.5l3 3-3 3M13.5 6.5h-7a4 4 0 000 8H9" />,
  add: <path d="M8 2.5v11M2.5 8h11" />,
  history: <path d="M2.5 8a5.5 5.5 0 105.5-5.5A5.6 5.6 0 003.2 5.5M2.5 2.5v3h3M8 5v3l2 1.5" />,
  layout: (
    <>
      <rect x="1.5" y="2" width="5" height="4" rx="1" />
      <rect x="9.5" y="2" width="5" height="4" rx="1" />
      <rect x="5.5" y="10" width="5" height="4" rx="1" />
      <path d="M4 6v2h8V6M8 8v2" />
    </>
  ),
  commands: <path d="M2.5 4l3.5 4-3.5 4M8 12.5h5.5" />,
  help: (
    <>
      <circle cx="8" cy="8" r="6.5" />
      <path d="M6 6.2a2 2 0 113 1.7c-.6.4-1 .8-1 1.6M8 11.6h.01" />
    </>
  ),
  play: <path d="M4.5 2.5l9 5.5-9 5.5z" />,
  pause: <path d="M5 2.5v11M11 2.5v11" />,
  stepEvent: <path d="M3 3.5l6 4.5-6 4.5zM12 3v10" />,
  stepBar: <path d="M1.5 3.5l5 4.5-5 4.5zM7.5 3.5l5 4.5-5 4.5zM14.5 3v10" />,
  reset: <path d="M2.5 8a5.5 5.5 0 105.5-5.5c-1.6 0-3 .7-4 1.8M2.5 2v3.5H6" />,
  stop: <rect x="3" y="3" width="10" height="10" rx="1.5" />,
  note: <path d="M2.5 2.5h11v7l-4 4h-7zM13.5 9.5h-4v4" />,
  disabled: (
    <>
      <circle cx="8" cy="8" r="6" />
      <path d="M3.8 3.8l8.4 8.4" />
    </>
  ),
  queued: (
    <>
      <circle cx="8" cy="8" r="6" />
      <path d="M8 4.5V8l2.5 1.5" />
    </>
  ),
  eventIn: <path d="M8 2.5v10M4 9l4 4 4-4" />,
  eventOut: <path d="M8 13.5v-10M4 7l4-4 4 4" />,
  error: (
    <>
      <circle cx="8" cy="8" r="6" />
      <path d="M5.8 5.8l4.4 4.4M10.2 5.8l-4.4 4.4" />
    </>
  ),
  deadLetter: <path d="M2 4h12v8.5H2zM2 4l6 4.5L14 4" />,
  file: <path d="M3.5 1.5h6l3 3v10h-9zM9.5 1.5v3h3M8 7v5M5.5 9.5L8 12l2.5-2.5" />,
};

export type IconName = keyof typeof PATHS;

export function Icon({ name, size = 16, title }: { name: string; size?: number; title?: string }) {
  const drawing = PATHS[name];
  if (!drawing) return null;
  return (
    <svg
      className={`icon icon-${name}`}
      width={size}
      height={size}
      viewBox="0 0 16 16"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.5"
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden={title ? undefined : true}
      aria-label={title}
      role={title ? 'img' : 'presentation'}
    >
      {title && <title>{title}</title>}
      {drawing}
    </svg>
  );
}
