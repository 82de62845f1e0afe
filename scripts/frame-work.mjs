// Main-thread work per frame, from a Chromium trace taken during a gesture (scripts/bench.mjs).
//
// The page's frame recorder (app/bench/_lib/harness.ts createFrameRecorder) marks its start (`bench:frames`) and
// notes when each frame had been painted. A frame's work is the time the page's main thread spent running tasks
// between the previous frame's paint and its own: input handling, animation callbacks, style, layout and paint, and
// any task in between (a render an engine scheduled for after a frame counts towards the next one). Idle time does
// not count, so this goes below the display's 16.7 ms where frame gaps cannot.

const TASK_EVENTS = new Set(['ThreadControllerImpl::RunTask', 'RunTask']);

/**
 * The page's main-thread tasks from trace events, as [start, end] in the page's performance.now() ms: the thread
 * that made the mark `markName`, its tasks (`ThreadControllerImpl::RunTask` in the `toplevel` category; `RunTask` in
 * `devtools.timeline`), moved by the mark's offset (`markAt` is the mark's startTime in the page). Null when the mark
 * is not in the trace.
 */
export function pageTasks(events, markName, markAt) {
  const mark = events.find((e) => e.name === markName && typeof e.ts === 'number');
  if (!mark) return null;
  const offset = mark.ts / 1000 - markAt;
  return events
    .filter((e) => e.ph === 'X' && TASK_EVENTS.has(e.name) && e.pid === mark.pid && e.tid === mark.tid && typeof e.dur === 'number')
    .map((e) => [e.ts / 1000 - offset, (e.ts + e.dur) / 1000 - offset]);
}

/** Merges [start, end] intervals into disjoint ones, in order (nested and overlapping tasks count once). */
export function mergeIntervals(intervals) {
  const sorted = intervals.filter(([a, b]) => b > a).sort((x, y) => x[0] - y[0]);
  const out = [];
  for (const [a, b] of sorted) {
    const lastOne = out[out.length - 1];
    if (lastOne && a <= lastOne[1]) lastOne[1] = Math.max(lastOne[1], b);
    else out.push([a, b]);
  }
  return out;
}

/**
 * Busy ms of each frame: for frame i, the time covered by `tasks` between `painted[i - 1]` (for the first frame,
 * `from`) and `painted[i]`. Rounded to 0.01 ms.
 */
export function frameWork(painted, tasks, from) {
  const busy = mergeIntervals(tasks);
  const out = [];
  let j = 0;
  let prev = from;
  for (const end of painted) {
    let sum = 0;
    while (j < busy.length && busy[j][1] <= prev) j++;
    for (let k = j; k < busy.length && busy[k][0] < end; k++) sum += Math.min(busy[k][1], end) - Math.max(busy[k][0], prev);
    out.push(Math.round(sum * 100) / 100);
    prev = end;
  }
  return out;
}

/**
 * A frame gap in whole display frames, as ms: `gap` rounded to the nearest multiple of `interval` (at least one).
 * Frames are only shown on the display's beat, and requestAnimationFrame's timestamps are coarsened (0.1 ms without
 * cross-origin isolation), so one frame reads 16.6, 16.7 or 16.8 ms at 60 Hz; snapped, it reads one frame whatever the
 * rounding, and two frames read twice that.
 */
export function snapToFrames(gap, interval) {
  if (!(interval > 0) || !Number.isFinite(gap)) return gap;
  return Math.max(1, Math.round(gap / interval)) * interval;
}

/**
 * Chromium's own count of the frames a gesture showed and the frames it dropped, from its frame reporter's trace
 * events (`PipelineReporter` begin events, `benchmark` category) in the page's renderer (the process that made the
 * mark `markName`): `presented` = frames shown whole or in part; `dropped` = frames with an update that missed the
 * display's beat and count against smoothness (what DevTools shows as dropped frames). Frames with nothing to update
 * are in neither. Null when the mark is not in the trace.
 */
export function frameReport(events, markName) {
  const mark = events.find((e) => e.name === markName && typeof e.ts === 'number');
  if (!mark) return null;
  let presented = 0;
  let dropped = 0;
  for (const e of events) {
    if (e.name !== 'PipelineReporter' || e.ph !== 'b' || e.pid !== mark.pid) continue;
    const r = e.args?.frame_reporter;
    if (!r) continue;
    if (r.state === 'STATE_PRESENTED_ALL' || r.state === 'STATE_PRESENTED_PARTIAL') presented++;
    else if (r.state === 'STATE_DROPPED' && r.affects_smoothness) dropped++;
  }
  return { presented, dropped };
}
