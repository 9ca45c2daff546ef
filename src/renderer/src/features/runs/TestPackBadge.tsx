/** The label every test pack carries wherever it is shown: its results say nothing about real models. */
import type { ReactElement } from 'react';

export function TestPackBadge({ standIns }: { readonly standIns?: readonly string[] }): ReactElement {
  const title =
    standIns === undefined || standIns.length === 0
      ? 'A test pack: tiny graphs and stand-ins. Its masks say nothing about real models.'
      : `A test pack: ${standIns.join(', ')} served by test stand-ins. Its masks say nothing about real models.`;
  return (
    <span className="pill pill-warning test-pack-badge" title={title} data-testid="test-pack-badge">
      TEST PACK
    </span>
  );
}
