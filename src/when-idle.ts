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
