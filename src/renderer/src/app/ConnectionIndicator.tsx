import type { ReactElement } from 'react';
import { useConnectionState } from '../api/hooks';
import { transport } from '../api/client';

const TEXT = {
  open: 'Connected',
  connecting: 'Connecting…',
  reconnecting: 'Connection lost, reconnecting…',
} as const;

/** The event stream's state; in the desktop app the IPC cannot drop, so it names the transport only. */
export function ConnectionIndicator(): ReactElement {
  const state = useConnectionState();
  const text = transport === 'electron' ? 'Local' : TEXT[state];
  return (
    <div className={`connection connection-${state}`} data-testid="connection-indicator" data-state={state} role="status" title={transport === 'web' ? 'Live updates from the IntSeg server' : 'Desktop'}>
      <span className="connection-dot" aria-hidden="true" />
      <span>{text}</span>
    </div>
  );
}
