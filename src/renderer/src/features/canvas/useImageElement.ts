/** Loads an image URL into an HTMLImageElement for Konva; the state belongs to the URL it was made for. */
import { useEffect, useState } from 'react';

export interface LoadedImage {
  readonly element: HTMLImageElement | null;
  readonly error: string | null;
}

interface Settled {
  readonly url: string;
  readonly element: HTMLImageElement | null;
  readonly error: string | null;
}

export function useImageElement(url: string | null): LoadedImage {
  const [settled, setSettled] = useState<Settled | null>(null);
  useEffect(() => {
    if (url === null) return;
    let live = true;
    const element = new Image();
    element.decoding = 'async';
    element.onload = () => {
      if (live) setSettled({ url, element, error: null });
    };
    element.onerror = () => {
      if (live) setSettled({ url, element: null, error: 'The image file could not be loaded: it may have been moved, changed or deleted.' });
    };
    element.src = url;
    return () => {
      live = false;
      element.onload = null;
      element.onerror = null;
    };
  }, [url]);
  if (settled === null || settled.url !== url) return { element: null, error: null };
  return settled;
}
