// engine/parse-worker.ts run from source: a worker thread starts without the TypeScript loader.
import { register } from 'tsx/esm/api';

register();
await import('./parse-worker.ts');
