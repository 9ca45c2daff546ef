import type { ReactElement } from 'react';
import { JobsStatus } from '../features/jobs/JobsStatus';
import { ConnectionIndicator } from './ConnectionIndicator';
import { SlotTarget } from './slots';
import { useAppInfo } from './AppInfoContext';

export function StatusBar({ jobsOpen, onToggleJobs }: { readonly jobsOpen: boolean; readonly onToggleJobs: () => void }): ReactElement {
  const info = useAppInfo();
  return (
    <footer className="statusbar">
      <ConnectionIndicator />
      <JobsStatus open={jobsOpen} onToggle={onToggleJobs} />
      <SlotTarget name="status" className="statusbar-page" />
      <div className="statusbar-spacer" />
      {info === null ? null : (
        <span className="statusbar-version" title={info.dataDir}>
          {info.name} {info.version}
        </span>
      )}
    </footer>
  );
}
