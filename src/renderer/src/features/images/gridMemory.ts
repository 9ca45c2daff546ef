/**
 * Where the user was in each listing (selection and scroll), kept for the session so that going back
 * from an image lands on the same thumbnail instead of the top of a 50,000-image grid.
 */
export interface GridPlace {
  selected: number | null;
  scroll: number;
}

const places = new Map<string, GridPlace>();

export function gridKey(projectId: number, status: string | null): string {
  return `${projectId}:${status ?? '*'}`;
}

export function recallGridPlace(key: string): GridPlace {
  return places.get(key) ?? { selected: null, scroll: 0 };
}

export function rememberGridPlace(key: string, place: GridPlace): void {
  places.set(key, place);
}

/** Moves the remembered selection (after next/previous in the image view) and keeps the scroll. */
export function rememberGridSelection(key: string, selected: number): void {
  const place = places.get(key);
  places.set(key, { selected, scroll: place?.scroll ?? 0 });
}
