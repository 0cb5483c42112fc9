/**
 * Placeholder values of this browser tab: sessionStorage, one key per placeholder name, so that
 * `<namespace>` filled on one page fills the commands of the next page too. The server (and the
 * hydration pass) see no values; the filled commands appear right after hydration.
 */
import { useSyncExternalStore } from 'react';
import { cleanValue } from './text.ts';

const PREFIX = 'handbook:placeholder:';
const EMPTY: Readonly<Record<string, string>> = Object.freeze({});

let values: Readonly<Record<string, string>> | null = null;
const listeners = new Set<() => void>();

function storage(): Storage | null {
  try {
    return typeof window === 'undefined' ? null : window.sessionStorage;
  } catch {
    return null; // Storage disabled: values last until the page is left.
  }
}

function load(): Readonly<Record<string, string>> {
  const found: Record<string, string> = {};
  const store = storage();
  if (!store) return found;
  try {
    for (let i = 0; i < store.length; i++) {
      const key = store.key(i);
      if (!key?.startsWith(PREFIX)) continue;
      const value = store.getItem(key);
      if (value) found[key.slice(PREFIX.length)] = value;
    }
  } catch {
    // Unreadable storage: start empty.
  }
  return found;
}

function current(): Readonly<Record<string, string>> {
  values ??= load();
  return values;
}

function emit(next: Readonly<Record<string, string>>): void {
  values = next;
  for (const listener of listeners) listener();
}

function write(name: string, value: string): void {
  try {
    if (value) storage()?.setItem(PREFIX + name, value);
    else storage()?.removeItem(PREFIX + name);
  } catch {
    // Quota or privacy mode: keep the value in memory only.
  }
}

export function setPlaceholderValue(name: string, raw: string): void {
  const value = cleanValue(raw);
  write(name, value);
  const next = { ...current() };
  if (value) next[name] = value;
  else delete next[name];
  emit(next);
}

export function clearPlaceholderValues(names: readonly string[]): void {
  const next = { ...current() };
  for (const name of names) {
    write(name, '');
    delete next[name];
  }
  emit(next);
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The values of this tab (none during server rendering and hydration). */
export function usePlaceholderValues(): Readonly<Record<string, string>> {
  return useSyncExternalStore(subscribe, current, () => EMPTY);
}
