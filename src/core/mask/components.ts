/**
 * Connected-component labelling of a binary mask (two-pass union-find over typed arrays).
 */
import type { BinaryMask } from '../image';

export type Connectivity = 4 | 8;

export interface ComponentLabels {
  /** 0 = background, 1..count = component, numbered in raster order of each component's first pixel. */
  readonly labels: Int32Array;
  readonly count: number;
}

function find(parent: Int32Array, i: number): number {
  let root = i;
  while (parent[root] !== root) root = parent[root]!;
  while (parent[i] !== root) {
    const next = parent[i]!;
    parent[i] = root;
    i = next;
  }
  return root;
}

function unite(parent: Int32Array, a: number, b: number): number {
  const ra = find(parent, a);
  const rb = find(parent, b);
  if (ra === rb) return ra;
  // Keep the smaller provisional label as root so that final numbering follows raster order.
  if (ra < rb) {
    parent[rb] = ra;
    return ra;
  }
  parent[ra] = rb;
  return rb;
}

/** Joins a neighbour's provisional label into the current one (0 = none yet). */
function merge(parent: Int32Array, current: number, neighbour: number): number {
  if (neighbour === 0) return current;
  if (current === 0) return neighbour;
  return unite(parent, current, neighbour);
}

export function labelComponents(mask: BinaryMask, connectivity: Connectivity): ComponentLabels {
  const { width, height, data } = mask;
  const labels = new Int32Array(width * height);
  // Provisional label parents; grown on demand.
  let parent = new Int32Array(Math.max(16, (width * height) >> 2));
  let next = 1;
  for (let y = 0; y < height; y++) {
    const row = y * width;
    for (let x = 0; x < width; x++) {
      const i = row + x;
      if (data[i] === 0) continue;
      let label = 0;
      if (x > 0) label = merge(parent, label, labels[i - 1]!);
      if (y > 0) {
        label = merge(parent, label, labels[i - width]!);
        if (connectivity === 8) {
          if (x > 0) label = merge(parent, label, labels[i - width - 1]!);
          if (x + 1 < width) label = merge(parent, label, labels[i - width + 1]!);
        }
      }
      if (label === 0) {
        if (next >= parent.length) {
          const grown = new Int32Array(parent.length * 2);
          grown.set(parent);
          parent = grown;
        }
        parent[next] = next;
        label = next++;
      } else {
        label = find(parent, label);
      }
      labels[i] = label;
    }
  }
  // Compact to 1..count in order of first appearance.
  const finalOf = new Int32Array(next);
  let count = 0;
  for (let i = 0; i < labels.length; i++) {
    const l = labels[i]!;
    if (l === 0) continue;
    const root = find(parent, l);
    if (finalOf[root] === 0) finalOf[root] = ++count;
    labels[i] = finalOf[root]!;
  }
  return { labels, count };
}
