// engine/pool-worker.ts run from source: a worker thread starts without the TypeScript loader.
import { register } from 'tsx/esm/api';

register();
await import('./pool-worker.ts');
