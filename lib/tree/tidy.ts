/**
 * The tidy-tree algorithm of d3-hierarchy's `tree()` (Buchheim, Jünger and
 * Leipert's linear-time Walker), transcribed step for step onto typed arrays.
 *
 * Why a transcription: `tree()` wraps every node in an 11-field object and
 * `hierarchy()` computes heights in O(n·depth) (quadratic on a chain), which
 * together cost well over 100 ms for 50,000 nodes. This version does the same
 * arithmetic in the same order, so it returns the same coordinates as d3
 * (tests compare the two), in a few milliseconds. Loops only, no recursion.
 */

export interface TidyTreeInput {
  /** Number of nodes; node 0 is the root. */
  n: number;
  /** Parent of each node, -1 for the root. */
  parent: Int32Array;
  /** Children of node v are `children[childStart[v] .. childStart[v] + childCount[v])`, in order. */
  childStart: Int32Array;
  childCount: Int32Array;
  children: Int32Array;
  /** Minimum distance between the centres of two neighbouring nodes (d3's `separation`). */
  separation: (a: number, b: number) => number;
}

/**
 * Breadth coordinate of every node (d3's `x` with `nodeSize([1, 1])`): the
 * root at 0, neighbours at least `separation` apart.
 */
export function tidyTree(input: TidyTreeInput): Float64Array {
  const { n, parent, childStart, childCount, children, separation } = input;
  const x = new Float64Array(n);
  if (n === 0) return x;
  const z = new Float64Array(n); // prelim
  const m = new Float64Array(n); // mod
  const c = new Float64Array(n); // change
  const s = new Float64Array(n); // shift
  const a = new Int32Array(n); // ancestor
  const t = new Int32Array(n).fill(-1); // thread
  const A = new Int32Array(n).fill(-1); // default ancestor (per parent)
  const sib = new Int32Array(n); // index among siblings
  for (let v = 0; v < n; v++) {
    a[v] = v;
    const k = childCount[v]!;
    const base = childStart[v]!;
    for (let i = 0; i < k; i++) sib[children[base + i]!] = i;
  }

  const nextLeft = (v: number): number => (childCount[v]! > 0 ? children[childStart[v]!]! : t[v]!);
  const nextRight = (v: number): number => (childCount[v]! > 0 ? children[childStart[v]! + childCount[v]! - 1]! : t[v]!);

  const moveSubtree = (wm: number, wp: number, shift: number) => {
    const change = shift / (sib[wp]! - sib[wm]!);
    c[wp] = c[wp]! - change;
    s[wp] = s[wp]! + shift;
    c[wm] = c[wm]! + change;
    z[wp] = z[wp]! + shift;
    m[wp] = m[wp]! + shift;
  };

  const executeShifts = (v: number) => {
    let shift = 0;
    let change = 0;
    const base = childStart[v]!;
    for (let i = childCount[v]! - 1; i >= 0; i--) {
      const w = children[base + i]!;
      z[w] = z[w]! + shift;
      m[w] = m[w]! + shift;
      change += c[w]!;
      shift += s[w]! + change;
    }
  };

  const apportion = (v: number, w: number, ancestor: number): number => {
    if (w < 0) return ancestor;
    let vip = v;
    let vop = v;
    let vim = w;
    let vom = children[childStart[parent[v]!]!]!;
    let sip = m[vip]!;
    let sop = m[vop]!;
    let sim = m[vim]!;
    let som = m[vom]!;
    for (;;) {
      vim = nextRight(vim);
      vip = nextLeft(vip);
      if (vim < 0 || vip < 0) break;
      vom = nextLeft(vom);
      vop = nextRight(vop);
      a[vop] = v;
      const shift = z[vim]! + sim - z[vip]! - sip + separation(vim, vip);
      if (shift > 0) {
        const am = a[vim]!;
        moveSubtree(parent[am] === parent[v] ? am : ancestor, v, shift);
        sip += shift;
        sop += shift;
      }
      sim += m[vim]!;
      sip += m[vip]!;
      som += m[vom]!;
      sop += m[vop]!;
    }
    if (vim >= 0 && nextRight(vop) < 0) {
      t[vop] = vim;
      m[vop] = m[vop]! + sim - sop;
    }
    if (vip >= 0 && nextLeft(vom) < 0) {
      t[vom] = vip;
      m[vom] = m[vom]! + sip - som;
      ancestor = v;
    }
    return ancestor;
  };

  // Post-order, children left to right (as d3's eachAfter).
  const post = new Int32Array(n);
  const stack = new Int32Array(n);
  let sp = 0;
  let pn = 0;
  stack[sp++] = 0;
  while (sp > 0) {
    const v = stack[--sp]!;
    post[pn++] = v;
    const base = childStart[v]!;
    const k = childCount[v]!;
    for (let i = 0; i < k; i++) stack[sp++] = children[base + i]!;
  }
  // `post` now holds root-first order with last children first; walk it backwards.

  // First walk.
  for (let q = n - 1; q >= 0; q--) {
    const v = post[q]!;
    const p = parent[v]!;
    const w = p >= 0 && sib[v]! > 0 ? children[childStart[p]! + sib[v]! - 1]! : -1;
    const k = childCount[v]!;
    if (k > 0) {
      executeShifts(v);
      const first = children[childStart[v]!]!;
      const last = children[childStart[v]! + k - 1]!;
      const midpoint = (z[first]! + z[last]!) / 2;
      if (w >= 0) {
        z[v] = z[w]! + separation(v, w);
        m[v] = z[v]! - midpoint;
      } else {
        z[v] = midpoint;
      }
    } else if (w >= 0) {
      z[v] = z[w]! + separation(v, w);
    }
    if (p >= 0) A[p] = apportion(v, w, A[p]! >= 0 ? A[p]! : children[childStart[p]!]!);
  }

  // Second walk, parents before children. The root's virtual parent has m = -z(root).
  const rootMod = -z[0]!;
  x[0] = z[0]! + rootMod;
  m[0] = m[0]! + rootMod;
  // Pre-order from the stack again (parents strictly before children).
  sp = 0;
  const kids0 = childCount[0]!;
  for (let i = kids0 - 1; i >= 0; i--) stack[sp++] = children[childStart[0]! + i]!;
  while (sp > 0) {
    const v = stack[--sp]!;
    const p = parent[v]!;
    x[v] = z[v]! + m[p]!;
    m[v] = m[v]! + m[p]!;
    const base = childStart[v]!;
    for (let i = childCount[v]! - 1; i >= 0; i--) stack[sp++] = children[base + i]!;
  }
  return x;
}
