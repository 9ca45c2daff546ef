/**
 * Places in the app frame that pages fill: the breadcrumb and actions of the top bar, and the page's
 * part of the status bar. The frame renders the targets; a page renders <Slot name=...> anywhere in its
 * tree and the content is portalled there, so the frame never needs to know the page's data.
 */
import { createContext, useCallback, useContext, useMemo, useState, type ReactElement, type ReactNode } from 'react';
import { createPortal } from 'react-dom';

export type SlotName = 'breadcrumb' | 'top-actions' | 'status';

type SlotTargets = Partial<Record<SlotName, HTMLElement>>;

interface SlotRegistry {
  readonly targets: SlotTargets;
  readonly register: (name: SlotName, element: HTMLElement | null) => void;
}

const SlotContext = createContext<SlotRegistry>({ targets: {}, register: () => undefined });

export function SlotProvider({ children }: { readonly children: ReactNode }): ReactElement {
  const [targets, setTargets] = useState<SlotTargets>({});
  const register = useCallback((name: SlotName, element: HTMLElement | null): void => {
    setTargets((current) => {
      if ((current[name] ?? null) === element) return current;
      const next = { ...current };
      if (element === null) delete next[name];
      else next[name] = element;
      return next;
    });
  }, []);
  const registry = useMemo(() => ({ targets, register }), [targets, register]);
  return <SlotContext.Provider value={registry}>{children}</SlotContext.Provider>;
}

/** The element content for `name` is portalled into. */
export function SlotTarget({ name, className }: { readonly name: SlotName; readonly className?: string }): ReactElement {
  const { register } = useContext(SlotContext);
  const attach = useCallback((element: HTMLDivElement | null) => register(name, element), [name, register]);
  return <div className={className} ref={attach} />;
}

export function Slot({ name, children }: { readonly name: SlotName; readonly children: ReactNode }): ReactElement | null {
  const target = useContext(SlotContext).targets[name];
  return target === undefined ? null : createPortal(children, target);
}
