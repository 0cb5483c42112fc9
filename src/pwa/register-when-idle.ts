/**
 * Client module (docusaurus.config.ts, plugin-pwa's `swRegister`): plugin-pwa's own registration
 * (`registerSw.js`: offline mode, the reload popup), started once the reader first interacts with
 * the page (a click, a key, a touch, a scroll), or 10 s after it loaded if they do not, and then
 * when the browser is idle. The service worker then precaches every page and chunk (about 15 MB;
 * `npm run bench:site` prints how much) after the page is interactive and being read, instead of
 * competing with its loading and hydration for the CPU and the network, which on a slow phone is
 * the first seconds of an incident. Offline use needs one visit as before, and that visit's first
 * scroll or click (tests/e2e/print-offline.e2e.ts).
 */
import ExecutionEnvironment from '@docusaurus/ExecutionEnvironment';
import { afterFirstInteraction, whenIdle } from '../when-idle.ts';

if (ExecutionEnvironment.canUseDOM && 'serviceWorker' in navigator) {
  afterFirstInteraction(() => whenIdle(() => void import('@docusaurus/plugin-pwa/lib/registerSw.js')));
}
