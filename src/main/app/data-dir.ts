/**
 * The per-user data folder shared by the desktop app, the CLI and `intseg serve`:
 * `--data DIR`, else $INTSEG_DATA, else the platform's data folder
 * (Linux ~/.local/share/intseg-studio, macOS ~/Library/Application Support/intseg-studio,
 * Windows %LOCALAPPDATA%\intseg-studio\Data). It holds intseg.db and models/.
 */
import { isAbsolute, join, resolve } from 'node:path';
import envPaths from 'env-paths';

export const APP_FOLDER_NAME = 'intseg-studio';

export function resolveDataDir(flag?: string, environment: NodeJS.ProcessEnv = process.env): string {
  const chosen = flag ?? environment['INTSEG_DATA'];
  if (chosen !== undefined && chosen.trim() !== '') return isAbsolute(chosen) ? chosen : resolve(chosen);
  return envPaths(APP_FOLDER_NAME, { suffix: '' }).data;
}

export function databasePath(dataDir: string): string {
  return join(dataDir, 'intseg.db');
}

export function modelsDir(dataDir: string): string {
  return join(dataDir, 'models');
}
