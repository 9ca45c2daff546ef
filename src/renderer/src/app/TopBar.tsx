import type { ReactElement } from 'react';
import { SlotTarget } from './slots';
import { href } from './navigation';

export function TopBar(): ReactElement {
  return (
    <header className="topbar">
      <a className="brand" href={href({ name: 'projects' })} aria-label="IntSeg Studio: all projects">
        <svg className="brand-mark" width="20" height="20" viewBox="0 0 20 20" aria-hidden="true" focusable="false">
          <rect x="1" y="1" width="18" height="18" rx="5" fill="var(--accent)" />
          <path d="M6 13.5c1.2-4.6 3-7 5.5-7 1.8 0 2.7 1.3 2.5 3-.3 2.6-3.2 4.3-8 4z" fill="var(--bg-0)" />
        </svg>
        <span className="brand-name">IntSeg Studio</span>
      </a>
      <SlotTarget name="breadcrumb" className="topbar-breadcrumb" />
      <div className="topbar-spacer" />
      <SlotTarget name="top-actions" className="topbar-actions" />
    </header>
  );
}

export function Breadcrumb({ items }: { readonly items: readonly { readonly label: string; readonly href?: string }[] }): ReactElement {
  return (
    <nav aria-label="Breadcrumb">
      <ol className="breadcrumb">
        {items.map((item, index) => (
          <li key={`${index}-${item.label}`}>
            {item.href === undefined ? <span aria-current="page">{item.label}</span> : <a href={item.href}>{item.label}</a>}
          </li>
        ))}
      </ol>
    </nav>
  );
}
