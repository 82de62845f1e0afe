/**
 * The tidy-tree algorithm of d3-hierarchy's `tree()` (Buchheim, Jünger and
 * Leipert's linear-time Walker), transcribed step for step onto typed arrays.
 *
 * Why a transcription: `tree()` wraps every node in an 11-field object and
 * `hierarchy()` computes heights in O(n·depth) (quadratic on a chain), which
 * together cost well over 100 ms for 50,000 nodes. This version does the same
 * arithmetic in the same order, so it returns the same coordinates as d3
 * (tests compare the two), in a few milliseconds. Loops only, no recursion.
 * The contour walk is written out in place (no helper calls, no separation
 * callback): a first layout of a large tree runs before the engine has
 * optimised this code, where every call costs.
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
  /**
   * Extent of each node across (a box's height). Neighbours' centres are kept
   * (size[a] + size[b]) / 2 + gap apart (d3's `separation`), the gap being
   * `siblingGap` for siblings and `cousinGap` otherwise.
   */
  size: ArrayLike<number>;
  siblingGap: number;
  cousinGap: number;
}

/**
 * Breadth coordinate of every node (d3's `x` with `nodeSize([1, 1])`): the
 * root at 0, neighbours at least `separation` apart.
 */
export function tidyTree(input: TidyTreeInput): Float64Array {
  const { n, parent, childStart, childCount, children, size, siblingGap, cousinGap } = input;
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
  const first = new Int32Array(n).fill(-1); // first child (nextLeft when it has children)
  const last = new Int32Array(n).fill(-1); // last child (nextRight when it has children)
  const h = new Float64Array(n);
  for (let v = 0; v < n; v++) {
    a[v] = v;
    h[v] = size[v]!;
    const k = childCount[v]!;
    const base = childStart[v]!;
    if (k > 0) {
      first[v] = children[base]!;
      last[v] = children[base + k - 1]!;
    }
    for (let i = 0; i < k; i++) sib[children[base + i]!] = i;
  }

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
      // Execute shifts.
      let shift = 0;
      let change = 0;
      const base = childStart[v]!;
      for (let i = k - 1; i >= 0; i--) {
        const u = children[base + i]!;
        z[u] = z[u]! + shift;
        m[u] = m[u]! + shift;
        change += c[u]!;
        shift += s[u]! + change;
      }
      const midpoint = (z[first[v]!]! + z[last[v]!]!) / 2;
      if (w >= 0) {
        z[v] = z[w]! + ((h[v]! + h[w]!) / 2 + (parent[v] === parent[w] ? siblingGap : cousinGap));
        m[v] = z[v]! - midpoint;
      } else {
        z[v] = midpoint;
      }
    } else if (w >= 0) {
      z[v] = z[w]! + ((h[v]! + h[w]!) / 2 + (parent[v] === parent[w] ? siblingGap : cousinGap));
    }
    if (p < 0) continue;

    // Apportion (v, its left sibling w, the parent's default ancestor).
    let ancestor = A[p]! >= 0 ? A[p]! : children[childStart[p]!]!;
    if (w >= 0) {
      let vip = v;
      let vop = v;
      let vim = w;
      let vom = children[childStart[p]!]!;
      let sip = m[vip]!;
      let sop = m[vop]!;
      let sim = m[vim]!;
      let som = m[vom]!;
      for (;;) {
        vim = last[vim]! >= 0 ? last[vim]! : t[vim]!;
        vip = first[vip]! >= 0 ? first[vip]! : t[vip]!;
        if (vim < 0 || vip < 0) break;
        vom = first[vom]! >= 0 ? first[vom]! : t[vom]!;
        vop = last[vop]! >= 0 ? last[vop]! : t[vop]!;
        a[vop] = v;
        const shift = z[vim]! + sim - z[vip]! - sip + ((h[vim]! + h[vip]!) / 2 + (parent[vim] === parent[vip] ? siblingGap : cousinGap));
        if (shift > 0) {
          // Move the subtree of v right by `shift`, spreading the change over the siblings between.
          const am = a[vim]!;
          const wm = parent[am] === p ? am : ancestor;
          const change = shift / (sib[v]! - sib[wm]!);
          c[v] = c[v]! - change;
          s[v] = s[v]! + shift;
          c[wm] = c[wm]! + change;
          z[v] = z[v]! + shift;
          m[v] = m[v]! + shift;
          sip += shift;
          sop += shift;
        }
        sim += m[vim]!;
        sip += m[vip]!;
        som += m[vom]!;
        sop += m[vop]!;
      }
      if (vim >= 0 && (last[vop]! >= 0 ? last[vop]! : t[vop]!) < 0) {
        t[vop] = vim;
        m[vop] = m[vop]! + sim - sop;
      }
      if (vip >= 0 && (first[vom]! >= 0 ? first[vom]! : t[vom]!) < 0) {
        t[vom] = vip;
        m[vom] = m[vom]! + sip - som;
        ancestor = v;
      }
    }
    A[p] = ancestor;
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
