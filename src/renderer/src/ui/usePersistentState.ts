/** useState that survives reloads through localStorage (view preferences only, never data). */
import { useEffect, useState } from 'react';

function read<T>(key: string, fallback: T, accept: (value: unknown) => value is T): T {
  try {
    const text = window.localStorage.getItem(`intseg.${key}`);
    if (text === null) return fallback;
    const value: unknown = JSON.parse(text);
    return accept(value) ? value : fallback;
  } catch {
    return fallback;
  }
}

export function usePersistentState<T>(key: string, fallback: T, accept: (value: unknown) => value is T): [T, (value: T) => void] {
  const [value, setValue] = useState<T>(() => read(key, fallback, accept));
  useEffect(() => {
    try {
      window.localStorage.setItem(`intseg.${key}`, JSON.stringify(value));
    } catch {
      // Storage may be unavailable (private mode, quota); the preference then lasts for the session.
    }
  }, [key, value]);
  return [value, setValue];
}

export function isNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

export function isBoolean(value: unknown): value is boolean {
  return typeof value === 'boolean';
}
