/** Hand-drawn 16px stroke icons (no icon font, no network). Decorative: hidden from screen readers. */
import type { ReactElement } from 'react';

export type IconName =
  | 'plus'
  | 'folder'
  | 'images'
  | 'chevron-left'
  | 'chevron-right'
  | 'close'
  | 'eye'
  | 'eye-off'
  | 'fit'
  | 'actual-size'
  | 'zoom-in'
  | 'zoom-out'
  | 'alert'
  | 'check'
  | 'refresh'
  | 'play'
  | 'stop'
  | 'layers'
  | 'grid'
  | 'file'
  | 'activity'
  | 'hand';

const PATHS: Record<IconName, ReactElement> = {
  plus: <path d="M8 3v10M3 8h10" />,
  folder: <path d="M2 4.5A1.5 1.5 0 0 1 3.5 3h3l1.5 1.5h4.5A1.5 1.5 0 0 1 14 6v5.5a1.5 1.5 0 0 1-1.5 1.5h-9A1.5 1.5 0 0 1 2 11.5z" />,
  images: (
    <>
      <rect x="2" y="3" width="12" height="10" rx="1.5" />
      <path d="M2.5 11l3.5-3.5 3 3 2-2 2.5 2.5" />
      <circle cx="10.5" cy="6" r="1" />
    </>
  ),
  'chevron-left': <path d="M10 3.5L5.5 8l4.5 4.5" />,
  'chevron-right': <path d="M6 3.5L10.5 8 6 12.5" />,
  close: <path d="M4 4l8 8M12 4l-8 8" />,
  eye: (
    <>
      <path d="M1.5 8S4 3.5 8 3.5 14.5 8 14.5 8 12 12.5 8 12.5 1.5 8 1.5 8z" />
      <circle cx="8" cy="8" r="2" />
    </>
  ),
  'eye-off': (
    <>
      <path d="M6.2 3.8A6.7 6.7 0 0 1 8 3.5C12 3.5 14.5 8 14.5 8a11 11 0 0 1-1.8 2.3M4.1 4.9C2.5 6.1 1.5 8 1.5 8S4 12.5 8 12.5a6.3 6.3 0 0 0 3-.8" />
      <path d="M2 2l12 12" />
    </>
  ),
  fit: <path d="M2.5 6V2.5H6M10 2.5h3.5V6M13.5 10v3.5H10M6 13.5H2.5V10" />,
  'actual-size': (
    <>
      <rect x="2" y="2.5" width="12" height="11" rx="1.5" />
      <path d="M5.5 6.5l1-.8v4.8M9.5 6.5l1-.8v4.8" />
    </>
  ),
  'zoom-in': (
    <>
      <circle cx="7" cy="7" r="4.5" />
      <path d="M10.5 10.5L14 14M5 7h4M7 5v4" />
    </>
  ),
  'zoom-out': (
    <>
      <circle cx="7" cy="7" r="4.5" />
      <path d="M10.5 10.5L14 14M5 7h4" />
    </>
  ),
  alert: (
    <>
      <path d="M8 2l6.5 11.5h-13z" />
      <path d="M8 6.5v3M8 11.5v.01" />
    </>
  ),
  check: <path d="M3 8.5l3 3 7-7" />,
  refresh: <path d="M13 8a5 5 0 1 1-1.5-3.5M13 2.5v3h-3" />,
  play: <path d="M5 3.5v9l7-4.5z" />,
  stop: <rect x="4" y="4" width="8" height="8" rx="1" />,
  layers: <path d="M8 2l6 3-6 3-6-3zM2 8l6 3 6-3M2 11l6 3 6-3" />,
  grid: (
    <>
      <rect x="2.5" y="2.5" width="4.5" height="4.5" rx="0.8" />
      <rect x="9" y="2.5" width="4.5" height="4.5" rx="0.8" />
      <rect x="2.5" y="9" width="4.5" height="4.5" rx="0.8" />
      <rect x="9" y="9" width="4.5" height="4.5" rx="0.8" />
    </>
  ),
  file: <path d="M4 2h5l3 3v9H4zM9 2v3h3" />,
  activity: <path d="M1.5 8h3l2-4.5 3 9 2-4.5h3" />,
  hand: <path d="M5 8V4a1 1 0 0 1 2 0v3.5V3a1 1 0 0 1 2 0v4.5V4a1 1 0 0 1 2 0v5.5c0 2.5-1.5 4.5-4 4.5-1.6 0-2.6-.7-3.4-1.9L2.3 9.2a1 1 0 0 1 1.6-1.2z" />,
};

export function Icon({ name, size = 16 }: { readonly name: IconName; readonly size?: number }): ReactElement {
  return (
    <svg
      className="icon"
      width={size}
      height={size}
      viewBox="0 0 16 16"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.5"
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      {PATHS[name]}
    </svg>
  );
}
