/** `app.info`, asked once at start: version, transport, and whether native file dialogs exist. */
import { createContext, useContext } from 'react';
import type { AppInfo } from '../../../shared/ipc/contract';

export const AppInfoContext = createContext<AppInfo | null>(null);

export function useAppInfo(): AppInfo | null {
  return useContext(AppInfoContext);
}
