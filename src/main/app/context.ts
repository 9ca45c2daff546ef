/**
 * The composition root shared by the Electron main process, `intseg serve` and the CLI: open the
 * database (migrating it), build the job queue and the services, and the one handler table that
 * every transport calls through.
 */
import { mkdirSync } from 'node:fs';
import { userInfo } from 'node:os';
import { openStorage, type Storage } from '../storage/storage';
import { JobQueue } from '../jobs/queue';
import { EventBus } from '../ipc/events';
import { createRouter, type CallContext, type Router, type Transport } from '../ipc/router';
import type { AssetResolver } from '../ipc/assets';
import { createHandlers, type HostCapabilities } from '../ipc/handlers';
import { ProjectService } from '../services/projects';
import { createImagesService, type ImagesService } from '../services/images/images-service';
import { imageImportJob } from '../services/images/import-job';
import { createAssetResolver } from '../services/assets';
import { databasePath } from './data-dir';
import { inferenceWorkerPath } from './paths';
import { InferenceHost } from '../inference/process/host';
import { nodeWorkerLauncher, type WorkerLauncher } from '../inference/process/launcher';
import { RunService } from '../services/runs/run-service';
import { ModelService } from '../services/models/model-service';
import { intRunJob } from '../services/runs/run-job';
import { acquireDataLock } from './data-lock';
import { createDataService, type DataService } from '../services/data-service';
import { exportJob } from '../services/export/export-job';
import { annotationImportJob } from '../services/import/import-job';
import { evalJob } from '../services/eval/eval-job';

export interface AppContextOptions {
  readonly dataDir: string;
  readonly transport: Transport;
  readonly host?: HostCapabilities;
  /** Resume jobs a killed process left behind (the desktop app and serve do; a one-shot CLI command decides itself). */
  readonly resumeInterruptedJobs?: boolean;
  /**
   * Run jobs in this process (default true). Takes the data folder's lock, so a second process that would
   * run jobs is refused with the holder's name; read-only commands pass false and share the folder freely.
   */
  readonly runJobs?: boolean;
  /** How to start the inference process (Electron passes its utilityProcess launcher); default: a Node child process. */
  readonly inferenceLauncher?: WorkerLauncher;
  /** better_sqlite3.node built for Electron's ABI, when running inside Electron. */
  readonly sqliteNativeBinding?: string;
  /** Who holds the lock, for the refusal message of a second process: "the desktop app", "intseg serve", ... */
  readonly role?: string;
}

export interface AppServices {
  readonly projects: ProjectService;
  readonly images: ImagesService;
  readonly runs: RunService;
  readonly models: ModelService;
  /** Export, import and evaluation (jobs `export`, `annotation-import`, `eval`). */
  readonly data: DataService;
}

export interface AppContext {
  readonly dataDir: string;
  readonly actor: string;
  readonly storage: Storage;
  readonly events: EventBus;
  readonly jobs: JobQueue;
  readonly services: AppServices;
  readonly router: Router;
  readonly assets: AssetResolver;
  readonly callContext: CallContext;
  close(): Promise<void>;
}

export function currentActor(transport: Transport): string {
  let name = 'user';
  try {
    name = userInfo().username || name;
  } catch {
    // some sandboxes have no passwd entry; the generic name still identifies the transport
  }
  return transport === 'web' ? `serve:${name}` : name;
}

export async function openAppContext(options: AppContextOptions): Promise<AppContext> {
  mkdirSync(options.dataDir, { recursive: true });
  const runJobs = options.runJobs ?? true;
  const lock = runJobs ? acquireDataLock(options.dataDir, options.role ?? `intseg (${options.transport})`) : null;
  let storage: Storage;
  try {
    storage = openStorage(databasePath(options.dataDir), options.sqliteNativeBinding !== undefined ? { nativeBinding: options.sqliteNativeBinding } : {});
  } catch (error) {
    lock?.release();
    throw error;
  }
  const events = new EventBus();
  const jobs = new JobQueue(storage);
  const actor = currentActor(options.transport);

  // The inference process starts on the first run or pack check, not with the app.
  let inference: InferenceHost | null = null;
  const inferenceHost = (): InferenceHost => (inference ??= new InferenceHost(options.inferenceLauncher ?? nodeWorkerLauncher(inferenceWorkerPath())));
  const services: AppServices = {
    projects: new ProjectService(storage, events),
    images: createImagesService({ storage, jobs }),
    runs: new RunService(storage, jobs, options.dataDir),
    models: new ModelService(storage, options.dataDir, inferenceHost),
    data: createDataService({ storage, jobs }),
  };
  jobs.register(imageImportJob());
  jobs.register(intRunJob({ inference: inferenceHost, events }));
  jobs.register(exportJob());
  jobs.register(annotationImportJob());
  jobs.register(evalJob());
  jobs.onEvent((event) => {
    events.emit('jobs.progress', event);
    // Each committed item (or the end of the job) can change what a project shows.
    if (event.projectId !== null && (event.item !== undefined || event.status !== 'running')) {
      events.emit('projects.changed', { projectId: event.projectId });
    }
  });
  if (runJobs) {
    jobs.recover({ resume: false });
    services.runs.pauseInterrupted();
    if (options.resumeInterruptedJobs ?? false) jobs.recover({ resume: true });
    jobs.start();
  }

  const router = createRouter(createHandlers({ storage, services, jobs, dataDir: options.dataDir, transport: options.transport, host: options.host ?? {} }));
  let closed = false;
  return {
    dataDir: options.dataDir,
    actor,
    storage,
    events,
    jobs,
    services,
    router,
    assets: createAssetResolver(storage),
    callContext: { transport: options.transport, actor },
    async close() {
      if (closed) return;
      closed = true;
      await jobs.stop();
      await inference?.close();
      storage.close();
      lock?.release();
    },
  };
}
