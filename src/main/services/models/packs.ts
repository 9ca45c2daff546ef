/**
 * Finding model packs without loading them: a run names an installed pack (a folder under the data
 * folder's models/) or a pack folder anywhere. Only pack.json is read here; the inference process loads
 * and checks the models themselves before the first image.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { AppError } from '../../../shared/result';
import type { PortName } from '../../../core/ports';
import { PACK_MANIFEST_FILE, type PackManifest } from '../../inference/packs/pack-schema';
import { readPackManifest } from '../../inference/packs/manifest';
import { modelsDir } from '../../app/data-dir';
import type { ModelPackInfo, PackReportView } from '../../../shared/dto/runs';

export interface ResolvedPack {
  readonly dir: string;
  readonly manifest: PackManifest;
}

function looksLikePath(reference: string): boolean {
  return isAbsolute(reference) || reference.startsWith('.') || reference.includes('/') || reference.includes('\\');
}

/** Reads and validates a pack folder's pack.json (PackError names the file and every problem). */
export function readManifest(dir: string): PackManifest {
  return readPackManifest(dir).manifest;
}

export function resolvePack(dataDir: string, reference: string): ResolvedPack {
  const dir = looksLikePath(reference) ? resolve(reference) : join(modelsDir(dataDir), reference);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    const installed = listPacks(dataDir).map((pack) => pack.name);
    throw new AppError(
      'not_found',
      looksLikePath(reference)
        ? `no model pack folder at ${dir}`
        : `no installed model pack named "${reference}" (installed: ${installed.length === 0 ? 'none' : installed.join(', ')}); pass a pack folder instead`,
    );
  }
  return { dir, manifest: readManifest(dir) };
}

/** Fails before any image is processed when the pack lacks a port the run needs. */
export function checkPorts(pack: ResolvedPack, needed: readonly PortName[]): void {
  const missing = needed.filter((port) => pack.manifest.ports[port] === undefined);
  if (missing.length > 0) {
    throw new AppError('invalid_input', `model pack "${pack.manifest.name}" (${join(pack.dir, PACK_MANIFEST_FILE)}) has no entry for ${missing.join(', ')}, which this run needs`);
  }
}

export function packInfo(dir: string, manifest: PackManifest): ModelPackInfo {
  return {
    name: manifest.name,
    version: manifest.version,
    dir,
    description: manifest.description ?? null,
    testOnly: manifest.testOnly,
    ports: Object.keys(manifest.ports).filter((port) => manifest.ports[port as PortName] !== undefined),
  };
}

/** Installed packs: folders under models/ with a readable pack.json (broken ones are left out, not fatal). */
export function listPacks(dataDir: string): ModelPackInfo[] {
  const root = modelsDir(dataDir);
  if (!existsSync(root)) return [];
  const packs: ModelPackInfo[] = [];
  for (const entry of readdirSync(root, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    const dir = join(root, entry.name);
    try {
      packs.push(packInfo(dir, readManifest(dir)));
    } catch {
      // a half-copied or foreign folder is not a pack; `intseg models check` says why
    }
  }
  return packs.sort((a, b) => a.name.localeCompare(b.name));
}

/** The parts of a pack load report a person reads: devices, fallbacks (never silent), stand-ins. */
export function packReportView(report: unknown): PackReportView | null {
  if (typeof report !== 'object' || report === null) return null;
  const value = report as { fallbacks?: unknown; standIns?: unknown; records?: unknown };
  const strings = (list: unknown): string[] => (Array.isArray(list) ? list.filter((item): item is string => typeof item === 'string') : []);
  const records = Array.isArray(value.records) ? (value.records as { role?: unknown; path?: unknown; device?: unknown; requestedDevice?: unknown }[]) : [];
  return {
    fallbacks: strings(value.fallbacks),
    standIns: strings(value.standIns),
    devices: records.map((record) => ({
      role: String(record.role ?? ''),
      file: String(record.path ?? ''),
      device: String(record.device ?? ''),
      requestedDevice: String(record.requestedDevice ?? ''),
    })),
  };
}
