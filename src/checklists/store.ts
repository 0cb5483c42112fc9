/**
 * Ticks of the checklists, in localStorage: one entry per page (`handbook:checklist:<permalink>`),
 * mapping item keys (src/checklists/key.ts) to true/false. The server (and the hydration pass) see
 * no ticks, only the defaults written in the Markdown (`- [x]`).
 */
import { useSyncExternalStore } from 'react';

export type Ticks = Readonly<Record<string, boolean>>;

const PREFIX = 'handbook:checklist:';
const EMPTY: Ticks = Object.freeze({});
const cache = new Map<string, Ticks>();
const listeners = new Set<() => void>();

export const storageKey = (permalink: string): string => PREFIX + permalink;

function storage(): Storage | null {
  try {
    return typeof window === 'undefined' ? null : window.localStorage;
  } catch {
    return null;
  }
}

function load(key: string): Ticks {
  try {
    const parsed: unknown = JSON.parse(storage()?.getItem(key) ?? '{}');
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return EMPTY;
    return Object.fromEntries(Object.entries(parsed).filter((entry): entry is [string, boolean] => typeof entry[1] === 'boolean'));
  } catch {
    return EMPTY;
  }
}

function read(key: string): Ticks {
  let ticks = cache.get(key);
  if (!ticks) {
    ticks = load(key);
    cache.set(key, ticks);
  }
  return ticks;
}

function save(key: string, ticks: Ticks): void {
  cache.set(key, ticks);
  try {
    if (Object.keys(ticks).length === 0) storage()?.removeItem(key);
    else storage()?.setItem(key, JSON.stringify(ticks));
  } catch {
    // Quota or privacy mode: the ticks last until the page is left.
  }
  for (const listener of listeners) listener();
}

export function setTick(key: string, item: string, checked: boolean): void {
  save(key, { ...read(key), [item]: checked });
}

export function resetTicks(key: string): void {
  save(key, EMPTY);
}

/** Drops the ticks of items that are no longer on the page (edited, moved or removed). */
export function pruneTicks(key: string, items: readonly string[]): void {
  const ticks = read(key);
  const kept = Object.fromEntries(Object.entries(ticks).filter(([item]) => items.includes(item)));
  if (Object.keys(kept).length !== Object.keys(ticks).length) save(key, kept);
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  // Another tab ticked an item of a page: re-read it.
  const onStorage = (event: StorageEvent) => {
    if (event.key === null || event.key.startsWith(PREFIX)) {
      if (event.key === null) cache.clear();
      else cache.delete(event.key);
      listener();
    }
  };
  window.addEventListener('storage', onStorage);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('storage', onStorage);
  };
}

/** The ticks of one page (none during server rendering and hydration). */
export function useTicks(key: string): Ticks {
  return useSyncExternalStore(
    subscribe,
    () => read(key),
    () => EMPTY,
  );
}
