/**
 * Runs `callback` once the page has loaded and the browser is idle (at the latest `timeout` ms
 * after the load event), so that prefetching for a likely next action never competes with the
 * page's own loading and hydration. Returns a cancel function (for an effect's cleanup).
 */
export function whenIdle(callback: () => void, timeout = 5000): () => void {
  let cancelled = false;
  let cancelIdle = () => {};
  const schedule = () => {
    if (cancelled) return;
    if (typeof window.requestIdleCallback === 'function') {
      const handle = window.requestIdleCallback(callback, { timeout });
      cancelIdle = () => window.cancelIdleCallback(handle);
    } else {
      const handle = window.setTimeout(callback, Math.min(timeout, 1000));
      cancelIdle = () => window.clearTimeout(handle);
    }
  };
  if (document.readyState === 'complete') schedule();
  else window.addEventListener('load', schedule, { once: true });
  return () => {
    cancelled = true;
    window.removeEventListener('load', schedule);
    cancelIdle();
  };
}

/** What counts as the reader starting to use the page. */
const INTERACTIONS = ['pointerdown', 'keydown', 'touchstart', 'wheel', 'scroll'] as const;

/**
 * Runs `callback` once the reader first interacts with the page (a click, a key, a touch, a
 * scroll), or `fallback` ms after the load event if they do not: for background work the page does
 * not need while it boots and the reader starts reading, such as the service worker's precache.
 * Returns a cancel function.
 */
export function afterFirstInteraction(callback: () => void, fallback = 10_000): () => void {
  let done = false;
  let timer: number | undefined;
  const run = () => {
    if (done) return;
    cancel();
    done = true;
    callback();
  };
  const startFallback = () => {
    if (!done) timer = window.setTimeout(run, fallback);
  };
  const cancel = () => {
    for (const type of INTERACTIONS) window.removeEventListener(type, run, { capture: true });
    window.removeEventListener('load', startFallback);
    if (timer !== undefined) window.clearTimeout(timer);
  };
  for (const type of INTERACTIONS) window.addEventListener(type, run, { capture: true, passive: true, once: true });
  if (document.readyState === 'complete') startFallback();
  else window.addEventListener('load', startFallback, { once: true });
  return () => {
    cancel();
    done = true;
  };
}
