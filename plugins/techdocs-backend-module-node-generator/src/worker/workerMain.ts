import { DocsBuildError } from '../DocsBuildError';
import { buildSite, BuildRequest } from './buildSite';

/** What the backend sends a build worker. */
export type ToWorker = { type: 'build'; request: BuildRequest };

/** An error of a build, as it crosses from the worker to the backend. */
export type WorkerError =
  | { kind: 'docs'; file?: string; problem: string; limit?: string }
  | { kind: 'bug'; message: string; stack?: string };

/** What a build worker sends back while it builds, and once done. */
export type FromWorker =
  | { type: 'started' }
  | { type: 'log'; line: string }
  | { type: 'page'; file: string }
  | { type: 'done'; pages: number }
  | { type: 'failed'; error: WorkerError };

/**
 * This file, which each build worker process loads: the `.ts` source in
 * development and tests, the built `.cjs.js` in production.
 */
export const WORKER_MAIN_FILE = __filename;

/** Set in a build worker's environment: a worker never starts workers. */
export const WORKER_ENV = 'GREENROOM_TECHDOCS_BUILD_WORKER';

// BuildWorkerPool starts a worker as `node -e <bootstrap> -- <this file>`.
// Starting here, when loaded so, rather than from the bootstrap, keeps the
// build in the built package: its bundler drops exports nothing imports.
if (
  process.env[WORKER_ENV] === '1' &&
  process.argv[1] === WORKER_MAIN_FILE &&
  process.send
) {
  runBuildWorker();
}

/**
 * The worker's side: builds each site it is sent, one at a time, and reports
 * as it goes. It ends when the backend closes the channel.
 */
function runBuildWorker() {
  const send = process.send?.bind(process);
  if (!send) {
    throw new Error('runBuildWorker() runs in a process forked with IPC only');
  }
  const post = (message: FromWorker) => send(message);
  process.on('message', (message: ToWorker) => {
    if (message?.type !== 'build') return;
    post({ type: 'started' });
    try {
      const { pages } = buildSite(message.request, {
        log: line => post({ type: 'log', line }),
        page: file => post({ type: 'page', file }),
      });
      post({ type: 'done', pages });
    } catch (error) {
      post({ type: 'failed', error: toWorkerError(error) });
    }
  });
}

function toWorkerError(error: unknown): WorkerError {
  if (error instanceof DocsBuildError) {
    return {
      kind: 'docs',
      file: error.file,
      problem: error.problem,
      limit: error.limit,
    };
  }
  const e = error instanceof Error ? error : new Error(String(error));
  return { kind: 'bug', message: e.message, stack: e.stack };
}

/** The error a build failed with, as the backend throws it. */
export function fromWorkerError(error: WorkerError): Error {
  if (error.kind === 'docs') {
    return new DocsBuildError(error.file, error.problem, {
      limit: error.limit,
    });
  }
  const e = new Error(error.message);
  e.stack = error.stack;
  return e;
}
