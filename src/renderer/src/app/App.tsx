/** The app frame (top bar, page, status bar, jobs panel) and the route switch. */
import { lazy, Suspense, useEffect, useState, type ReactElement } from 'react';
import { useRequest } from '../api/hooks';
import { ProjectsPage } from '../features/projects/ProjectsPage';
import { ProjectPage } from '../features/images/ProjectPage';
import { JobsPanel } from '../features/jobs/JobsPanel';
import { startJobsSync } from '../features/jobs/jobsStore';
import { EmptyState, LoadingBlock } from '../ui/feedback';
import { AppInfoContext } from './AppInfoContext';
import { href, useRoute } from './navigation';
import type { Route } from './routes';
import { SlotProvider } from './slots';
import { StatusBar } from './StatusBar';
import { TopBar } from './TopBar';

// The canvas (Konva) is loaded when an image is first opened, so the project list starts faster.
const ImageViewPage = lazy(() => import('../features/canvas/ImageViewPage').then((module) => ({ default: module.ImageViewPage })));
const RunsPage = lazy(() => import('../features/runs/RunsPage').then((module) => ({ default: module.RunsPage })));
// uPlot and the evaluation view load when the view is first opened.
const EvalPage = lazy(() => import('../features/eval/EvalPage').then((module) => ({ default: module.EvalPage })));

function Page({ route }: { readonly route: Route }): ReactElement {
  switch (route.name) {
    case 'projects':
      return <ProjectsPage />;
    case 'project':
      return <ProjectPage key={route.projectId} projectId={route.projectId} status={route.status} />;
    case 'image':
      return (
        <Suspense fallback={<LoadingBlock label="Opening the image viewer…" />}>
          <ImageViewPage key={route.projectId} route={route} />
        </Suspense>
      );
    case 'runs':
      return (
        <Suspense fallback={<LoadingBlock label="Opening the runs…" />}>
          <RunsPage key={route.projectId} projectId={route.projectId} runId={route.runId} />
        </Suspense>
      );
    case 'eval':
      return (
        <Suspense fallback={<LoadingBlock label="Opening the evaluation…" />}>
          <EvalPage key={route.projectId} projectId={route.projectId} evaluationId={route.evaluationId} />
        </Suspense>
      );
    case 'not-found':
      return (
        <EmptyState icon="alert" title="Nothing here" action={<a className="button" href={href({ name: 'projects' })}>Back to projects</a>}>
          The address {route.hash} does not name a page of IntSeg Studio.
        </EmptyState>
      );
  }
}

export function App(): ReactElement {
  const route = useRoute();
  const info = useRequest('app.info', {});
  const [jobsOpen, setJobsOpen] = useState(false);

  useEffect(() => startJobsSync(), []);

  return (
    <AppInfoContext.Provider value={info.value ?? null}>
      <SlotProvider>
        <div className="app">
          <TopBar />
          <main className="app-main">
            <Page route={route} />
          </main>
          {jobsOpen ? <JobsPanel onClose={() => setJobsOpen(false)} /> : null}
          <StatusBar jobsOpen={jobsOpen} onToggleJobs={() => setJobsOpen((open) => !open)} />
        </div>
      </SlotProvider>
    </AppInfoContext.Provider>
  );
}
