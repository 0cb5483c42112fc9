/**
 * Client module (docusaurus.config.ts, plugin-pwa's `swRegister`): plugin-pwa's own registration
 * (`registerSw.js`: offline mode, the reload popup), started once the first page has loaded and
 * the browser is idle rather than while the page boots. The service worker then precaches every
 * page and chunk (`npm run bench:site` prints how much) after the page is interactive, instead of
 * competing with its hydration for the CPU and the network. Offline use is unchanged: one visit
 * still installs it (tests/e2e/print-offline.e2e.ts).
 */
import ExecutionEnvironment from '@docusaurus/ExecutionEnvironment';
import { whenIdle } from '../when-idle.ts';

if (ExecutionEnvironment.canUseDOM && 'serviceWorker' in navigator) {
  whenIdle(() => void import('@docusaurus/plugin-pwa/lib/registerSw.js'));
}
