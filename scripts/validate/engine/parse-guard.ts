/**
 * Parsing that cannot crash or hang the run. micromark is fast on ordinary pages but quadratic on
 * some constructs (thousands of `]` or `[` in one paragraph, very long lists) and recursive on deep
 * nesting, so a single hostile or broken file could stall or crash every run (cross-references
 * read the whole tree). Each file therefore goes through, in order:
 *
 * 1. nesting guards on the raw lines: block quotes nested more than MAX_QUOTE_DEPTH deep, or lines
 *    indented more than MAX_INDENT columns (a list nested hundreds of levels deep);
 * 2. the parse itself: in-process for small files (up to IN_PROCESS_BYTES), otherwise in a worker
 *    thread with a time budget (PARSE_BUDGET_MS) and a memory limit, terminated when it overruns;
 * 3. a depth guard on the tree (MAX_TREE_DEPTH), so that no check's recursive visit overflows.
 *
 * A file that fails any of them is not parsed: it becomes `file/unparseable` with the reason, and
 * every other file is checked as usual.
 */
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import type { Root } from 'mdast';
import { workerUrl } from './worker-url.ts';

export const MAX_QUOTE_DEPTH = 32;
export const MAX_INDENT = 160;
export const MAX_TREE_DEPTH = 128;
export const IN_PROCESS_BYTES = 8 * 1024;
export const PARSE_BUDGET_MS = 2000;
/** Starting the worker (loading the TypeScript loader and micromark) is not part of a file's budget. */
const WORKER_START_MS = 60_000;
const WORKER_MEMORY_MB = 512;

/**
 * A tree, or why there is none. `lasting` is true for reasons that depend on the text alone (a
 * nesting or depth limit): only those may be cached by content hash. A time budget depends on the
 * machine's load, and a parser exception or a worker that did not start is a bug to fix; neither
 * may outlive the run.
 */
export type Guarded = { tree: Root } | { reason: string; lasting?: boolean };

/**
 * The first line that nests too deep, as a reason, else null. Lines inside fenced code blocks are
 * not counted (their `>` and indentation are code); the tree's depth guard backs this up.
 */
export function nestingGuard(source: string): string | null {
  let line = 1;
  let start = 0;
  let fence: string | null = null;
  while (start <= source.length) {
    let end = source.indexOf('\n', start);
    if (end < 0) end = source.length;
    let quotes = 0;
    let indent = 0;
    let i = start;
    for (; i < end; i++) {
      const c = source.charCodeAt(i);
      if (c === 0x3e /* > */) quotes++;
      else if (c === 0x20) indent++;
      else if (c === 0x09) indent += 4 - (indent % 4);
      else break;
      if (fence === null && quotes > MAX_QUOTE_DEPTH) {
        return `block quotes are nested more than ${MAX_QUOTE_DEPTH} deep on line ${line} (nesting limit ${MAX_QUOTE_DEPTH})`;
      }
      if (fence === null && indent > MAX_INDENT) {
        return `line ${line} is indented more than ${MAX_INDENT} columns: lists or block quotes nested that deep (nesting limit: ${MAX_INDENT} columns of indentation)`;
      }
    }
    const marker = /^(?:[-*+]|\d{1,9}[.)])?[ \t]*(`{3,}|~{3,})(.*)$/.exec(source.slice(i, Math.min(end, i + 200)));
    if (marker) {
      const run = marker[1]!;
      if (fence === null && !(run[0] === '`' && marker[2]!.includes('`'))) fence = run;
      else if (fence !== null && run[0] === fence[0] && run.length >= fence.length && marker[2]!.trim() === '') fence = null;
    }
    line++;
    start = end + 1;
  }
  return null;
}

/** The depth of the deepest node, counted without recursion (stops counting at `limit + 1`). */
export function treeDepth(tree: Root, limit = MAX_TREE_DEPTH): number {
  let max = 0;
  const stack: Array<[{ children?: unknown[] }, number]> = [[tree, 1]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (depth > max) max = depth;
    if (max > limit) return max;
    if (Array.isArray(node.children)) for (const child of node.children) stack.push([child as { children?: unknown[] }, depth + 1]);
  }
  return max;
}

export const tooDeep = (_depth: number) =>
  `the Markdown nests more than ${MAX_TREE_DEPTH} levels deep (lists, quotes, emphasis or links inside each other; nesting limit ${MAX_TREE_DEPTH})`;

export function describeError(error: unknown): string {
  if (error instanceof RangeError && /call stack/i.test(error.message)) return 'the Markdown parser ran out of stack (the file nests too deep)';
  const message = error instanceof Error ? error.message : String(error);
  return `the Markdown parser failed: ${message.split('\n')[0]}`;
}

/** Parses `source` in-process, turning a stack overflow or a too-deep tree into a reason. */
export function parseInProcess(parse: (source: string) => Root, source: string): Guarded {
  let tree: Root;
  try {
    tree = parse(source);
  } catch (error) {
    return { reason: describeError(error) };
  }
  const depth = treeDepth(tree);
  return depth > MAX_TREE_DEPTH ? { reason: tooDeep(depth), lasting: true } : { tree };
}

interface ParseWorker {
  worker: Worker;
  port: MessagePort;
  ready: Int32Array;
}

let current: ParseWorker | null = null;

/** Starts a worker without waiting for it: it loads while the run goes on. */
function startWorker(): ParseWorker {
  const { port1, port2 } = new MessageChannel();
  const ready = new Int32Array(new SharedArrayBuffer(4));
  const worker = new Worker(workerUrl('parse-worker', new URL('./parse-worker.mjs', import.meta.url)), {
    workerData: { port: port2, ready },
    // No loader hooks (engine/loader-hooks.mjs): this worker parses, it does not lint.
    execArgv: [],
    transferList: [port2],
    resourceLimits: { maxOldGenerationSizeMb: WORKER_MEMORY_MB },
    stdout: false,
    stderr: false,
  });
  worker.unref();
  port1.unref();
  return { worker, port: port1, ready };
}

/**
 * Parses `source` in the worker, waiting at most `budgetMs`; the worker is terminated (and started
 * again for the next file) when the parse overruns its budget or memory.
 */
export function parseInWorker(source: string, budgetMs = PARSE_BUDGET_MS): Guarded {
  current ??= startWorker();
  const { worker, port, ready } = current;
  if (Atomics.load(ready, 0) !== 1 && Atomics.wait(ready, 0, 0, WORKER_START_MS) === 'timed-out') {
    current = null;
    void worker.terminate();
    return { reason: 'the parser worker did not start' };
  }
  const done = new Int32Array(new SharedArrayBuffer(4));
  port.postMessage({ source, done, maxDepth: MAX_TREE_DEPTH });
  const waited = Atomics.wait(done, 0, 0, budgetMs);
  const reply = receiveMessageOnPort(port)?.message as { tree?: Root; error?: string; depth?: number } | undefined;
  if (waited === 'timed-out' || !reply) {
    void worker.terminate();
    // The next file's worker starts now, in the background.
    current = startWorker();
    return { reason: `parsing did not finish within the ${budgetMs / 1000} s time budget (or ran out of memory): the file has a construct the Markdown parser handles slowly, such as thousands of brackets, emphasis markers or list items in one block` };
  }
  if (reply.error) return { reason: reply.error };
  if (reply.depth !== undefined) return { reason: tooDeep(reply.depth), lasting: true };
  return { tree: reply.tree! };
}

/**
 * Starts the worker now, so that it loads (on its own thread) while the first files are read and
 * parsed in-process; `validate()` calls it before reading files.
 */
export function prestartParseWorker(): void {
  current ??= startWorker();
}

/** Stops the worker (tests; a run's worker is unref'd and never keeps the process alive). */
export async function stopParseWorker(): Promise<void> {
  const w = current;
  current = null;
  if (w) await w.worker.terminate();
}

/** Every guard in order; `parse` is the in-process parser (the worker loads the same one). */
export function guardedParse(parse: (source: string) => Root, source: string): Guarded {
  const nesting = nestingGuard(source);
  if (nesting) return { reason: nesting, lasting: true };
  return source.length <= IN_PROCESS_BYTES ? parseInProcess(parse, source) : parseInWorker(source);
}
