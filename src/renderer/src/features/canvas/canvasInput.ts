/**
 * How raw input on the canvas maps to viewer actions. Pure, so the bindings are tested without a DOM;
 * the editor's tools (later) get the pointer only when startsPan says no.
 */

export interface PanStartInput {
  /** MouseEvent.button: 0 primary, 1 middle, 2 secondary. */
  readonly button: number;
  /** Space is held down (the usual "hand tool while held" binding). */
  readonly spaceHeld: boolean;
  /** An editing tool is active and wants primary-button drags. */
  readonly toolActive: boolean;
}

/** Middle button always pans; the primary button pans with space held, or when no tool wants it. */
export function startsPan(input: PanStartInput): boolean {
  if (input.button === 1) return true;
  if (input.button !== 0) return false;
  return input.spaceHeld || !input.toolActive;
}

export type ViewerAction = 'fit' | 'actual-size' | 'zoom-in' | 'zoom-out' | 'next-image' | 'previous-image' | 'toggle-masks' | 'back';

export interface KeyInput {
  readonly key: string;
  readonly ctrlKey: boolean;
  readonly metaKey: boolean;
  readonly altKey: boolean;
}

/** Keyboard bindings of the image view; null for keys it leaves alone (typing, browser shortcuts). */
export function viewerActionForKey(input: KeyInput): ViewerAction | null {
  if (input.altKey) return null;
  const command = input.ctrlKey || input.metaKey;
  if (command) {
    if (input.key === '0') return 'fit';
    if (input.key === '=' || input.key === '+') return 'zoom-in';
    if (input.key === '-') return 'zoom-out';
    return null;
  }
  switch (input.key) {
    case 'f':
    case 'F':
      return 'fit';
    case '1':
      return 'actual-size';
    case '+':
    case '=':
      return 'zoom-in';
    case '-':
    case '_':
      return 'zoom-out';
    case 'ArrowRight':
    case 'PageDown':
    case 'd':
    case 'D':
      return 'next-image';
    case 'ArrowLeft':
    case 'PageUp':
    case 'a':
    case 'A':
      return 'previous-image';
    case 'h':
    case 'H':
      return 'toggle-masks';
    case 'Escape':
      return 'back';
    default:
      return null;
  }
}
