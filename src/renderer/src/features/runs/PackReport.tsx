/**
 * What the pack really ran on, from the run's pack report: CPU fallbacks as warnings (never silent),
 * ports served by test stand-ins, and the device of every model.
 */
import type { ReactElement } from 'react';
import type { RunSummary } from '../../../../shared/dto/runs';
import { Icon } from '../../ui/icons';

export function PackWarnings({ run }: { readonly run: RunSummary }): ReactElement | null {
  const report = run.packReport;
  const fallbacks = report?.fallbacks ?? [];
  const standIns = report?.standIns ?? [];
  if (fallbacks.length === 0 && !run.testOnlyPack && standIns.length === 0) return null;
  return (
    <div className="run-warnings">
      {fallbacks.length === 0 ? null : (
        <div className="banner banner-warning" role="status" data-testid="run-device-fallbacks">
          <Icon name="alert" />
          <div className="banner-text">
            <strong>{fallbacks.length === 1 ? 'A model fell back to another device' : `${fallbacks.length} models fell back to another device`}</strong>
            <ul className="plain-list">
              {fallbacks.map((fallback) => (
                <li key={fallback} data-testid="run-device-fallback">
                  {fallback}
                </li>
              ))}
            </ul>
          </div>
        </div>
      )}
      {run.testOnlyPack || standIns.length > 0 ? (
        <div className="banner banner-warning banner-compact" role="note" data-testid="run-test-pack-note">
          <Icon name="alert" />
          <div className="banner-text">
            <span>
              {run.testOnlyPack ? <strong>Test pack. </strong> : null}
              {standIns.length > 0 ? `${standIns.join(', ')} ${standIns.length === 1 ? 'is' : 'are'} served by test stand-ins. ` : ''}
              {run.testOnlyPack ? 'Its masks say nothing about real models.' : ''}
            </span>
          </div>
        </div>
      ) : null}
    </div>
  );
}

/** Model role -> device, with the requested device when it differs. */
export function DeviceList({ run }: { readonly run: RunSummary }): ReactElement | null {
  const devices = run.packReport?.devices ?? [];
  if (devices.length === 0) return null;
  const seen = new Set<string>();
  const unique = devices.filter((device) => {
    const key = `${device.role}|${device.device}|${device.requestedDevice}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return (
    <ul className="device-list" aria-label="Devices">
      {unique.map((device) => {
        const fellBack = device.requestedDevice !== '' && device.requestedDevice !== device.device;
        return (
          <li key={`${device.role}|${device.device}|${device.requestedDevice}`} className={fellBack ? 'is-fallback' : ''} title={fellBack ? `asked for ${device.requestedDevice}, runs on ${device.device}` : undefined}>
            <span className="device-role">{device.role}</span>
            <span className="device-name mono">
              {device.device}
              {fellBack ? <span className="device-requested"> (asked {device.requestedDevice})</span> : null}
            </span>
          </li>
        );
      })}
    </ul>
  );
}
