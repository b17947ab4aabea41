/** A key on the way down a tree: an object key or an array index. */
export type TreeKey = string | number;

/** The children of a branch, with their keys, in the order they are folded. */
export type TreeEntries = ReadonlyArray<readonly [TreeKey, unknown]>;

/** Where {@link foldTree} is: how many branches enclose the value, and (computed on demand) their keys. */
export interface TreePosition {
  readonly depth: number;
  /** The value's key in its parent (a number in an array), `undefined` for the root. */
  readonly key: TreeKey | undefined;
  /** The value's position among its siblings, 0 for the first (and for the root). */
  readonly index: number;
  /** The keys from the root to the value. Costs O(depth): call it for error messages, not per node. */
  path(): TreeKey[];
}

/** How {@link TreeFolder.visit} classifies a value: a finished leaf, or a branch to descend into. */
export type TreeStep<R> = { leaf: R } | { branch: object; entries: TreeEntries };

/** The three decisions of a fold; see {@link foldTree}. */
export interface TreeFolder<R> {
  /**
   * Classifies `value`: a leaf with its result, or a branch (the object the cycle check and `join`
   * see, e.g. the value after `toJSON`) with the children to fold first.
   */
  visit(value: unknown, at: TreePosition): TreeStep<R>;
  /** Combines a branch's child results, given in the order of `entries`. */
  join(branch: object, entries: TreeEntries, results: R[], at: TreePosition): R;
  /** The result for a branch met again inside itself; may throw. */
  cycle(branch: object, at: TreePosition): R;
  /**
   * When true, a branch met again elsewhere after it was folded (a value shared by two parents, not
   * a cycle) reuses its first result: `visit` still sees it at its new position, but its children
   * are not folded again. Without it a value built from shared parts (`{ a: x, b: x }`, n levels
   * deep) costs 2^n visits; with it, one visit per distinct object.
   */
  readonly reuseShared?: boolean;
}

interface Frame {
  branch: object;
  entries: TreeEntries;
  results: unknown[];
  index: number;
}

/**
 * Folds a tree bottom-up with an explicit stack instead of recursion, so its depth is bounded by
 * memory, not by the call stack: values reaching core from the network (webhook bodies, response
 * JSON) or from configs can nest thousands of levels, and a recursive walk would throw `RangeError`.
 * Each node of the tree is visited once and paths are only built when asked for, so the cost is
 * linear in the tree's size (in the number of distinct objects with {@link TreeFolder.reuseShared}).
 * A branch that contains itself goes to `cycle` instead of looping forever.
 */
export function foldTree<R>(root: unknown, folder: TreeFolder<R>): R {
  const stack: Frame[] = [];
  const open = new Set<object>();
  const folded = folder.reuseShared === true ? new Map<object, R>() : undefined;
  const at: TreePosition = {
    get depth() {
      return stack.length;
    },
    get key() {
      const top = stack.at(-1);
      return top === undefined ? undefined : (top.entries[top.index] as readonly [TreeKey, unknown])[0];
    },
    get index() {
      return stack.at(-1)?.index ?? 0;
    },
    path: () => stack.map((frame) => (frame.entries[frame.index] as readonly [TreeKey, unknown])[0]),
  };
  let next: unknown = root;
  for (;;) {
    const step = folder.visit(next, at);
    let result: R;
    if ('leaf' in step) result = step.leaf;
    else if (open.has(step.branch)) result = folder.cycle(step.branch, at);
    else if (folded?.has(step.branch)) result = folded.get(step.branch) as R;
    else if (step.entries.length === 0) {
      result = folder.join(step.branch, step.entries, [], at);
      folded?.set(step.branch, result);
    } else {
      open.add(step.branch);
      stack.push({ branch: step.branch, entries: step.entries, results: [], index: 0 });
      next = (step.entries[0] as readonly [TreeKey, unknown])[1];
      continue;
    }
    // Climb while branches are complete; stop at the first one with a child left to visit.
    for (;;) {
      const top = stack.at(-1);
      if (top === undefined) return result;
      top.results.push(result);
      top.index++;
      if (top.index < top.entries.length) {
        next = (top.entries[top.index] as readonly [TreeKey, unknown])[1];
        break;
      }
      stack.pop();
      open.delete(top.branch);
      result = folder.join(top.branch, top.entries, top.results as R[], at);
      folded?.set(top.branch, result);
    }
  }
}

/** The `[index, item]` entries of an array, for {@link TreeStep}. */
export function arrayEntries(array: readonly unknown[]): TreeEntries {
  // Array.from visits holes too (as undefined), which `map` would skip.
  return Array.from(array, (item, index) => [index, item] as const);
}

/** True for objects made by `{}`, `Object.create(null)` or `JSON.parse`, not class instances. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}
