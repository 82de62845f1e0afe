/**
 * The benchmark's frame figures: the page's frame recorder (app/bench/_lib/harness createFrameRecorder), driven by a
 * fake clock, frame loop and task queue, and the main-thread work per frame taken from a trace
 * (scripts/frame-work.mjs), against sums worked out by hand and a brute-force oracle (millisecond by millisecond).
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import fc from 'fast-check';
import { createFrameRecorder } from '@/app/bench/_lib/harness';
import { frameReport, frameWork, mergeIntervals, pageTasks, snapToFrames } from '@/scripts/frame-work.mjs';

describe('frame recorder', () => {
  let now = 0;
  let frameCallbacks: FrameRequestCallback[] = [];
  let afterPaint: (() => void)[] = [];
  const marks: string[] = [];

  beforeEach(() => {
    now = 0;
    frameCallbacks = [];
    afterPaint = [];
    marks.length = 0;
    vi.spyOn(performance, 'now').mockImplementation(() => now);
    vi.spyOn(performance, 'mark').mockImplementation((name: string) => {
      marks.push(name);
      return { startTime: now } as PerformanceMark;
    });
    vi.stubGlobal('requestAnimationFrame', (cb: FrameRequestCallback) => frameCallbacks.push(cb));
    vi.stubGlobal('scheduler', {
      postTask: (cb: () => void) => {
        afterPaint.push(cb);
        return Promise.resolve();
      },
    });
  });

  afterEach(() => {
    vi.restoreAllMocks();
    vi.unstubAllGlobals();
  });

  /** The frame's callbacks at `at`, its painting done at `painted`. */
  function frame(at: number, painted: number): void {
    now = at;
    for (const cb of frameCallbacks.splice(0)) cb(at);
    now = painted;
    for (const task of afterPaint.splice(0)) task();
  }

  it('marks its start and notes the gaps between frames and when each was painted', () => {
    const rec = createFrameRecorder();
    now = 990;
    rec.start();
    frame(1000, 1002);
    frame(1016.7, 1030);
    frame(1033.4, 1034);
    expect(rec.stop()).toEqual({ gaps: [16.7, 16.7], painted: [1002, 1030, 1034], mark: 'bench:frames', from: 990 });
    expect(marks).toEqual(['bench:frames']);
  });

  it('starts afresh, and records nothing once stopped', () => {
    const rec = createFrameRecorder();
    rec.start();
    frame(1000, 1001);
    rec.stop();
    frame(1016.7, 1017);
    now = 2000;
    rec.start();
    frame(2016.7, 2020);
    frame(2033.4, 2040);
    expect(rec.stop()).toEqual({ gaps: [16.7], painted: [2020, 2040], mark: 'bench:frames', from: 2000 });
  });
});

describe('main-thread work per frame', () => {
  it('counts the tasks between one paint and the next, each once, and not the idle time', () => {
    // Frames painted at 20, 40 and 60 ms, counted from 0. A task of 4 ms; a task spanning the paint at 20 (8 ms
    // before, 3 after); a nested task inside a longer one (counted once); nothing in the last frame but 2 ms.
    const tasks: [number, number][] = [
      [2, 6],
      [12, 23],
      [30, 38],
      [31, 35],
      [50, 52],
    ];
    expect(frameWork([20, 40, 60], tasks, 0)).toEqual([12, 11, 2]);
  });

  it('equals a millisecond-by-millisecond count', () => {
    const interval = fc.tuple(fc.integer({ min: 0, max: 200 }), fc.integer({ min: 0, max: 40 })).map(([a, d]) => [a, a + d] as [number, number]);
    fc.assert(
      fc.property(fc.array(interval, { maxLength: 30 }), fc.uniqueArray(fc.integer({ min: 1, max: 240 }), { maxLength: 12 }), (tasks, paints) => {
        const painted = [...paints].sort((x, y) => x - y);
        const busyAt = (ms: number) => tasks.some(([a, b]) => ms >= a && ms < b);
        const expected = painted.map((end, i) => {
          let n = 0;
          for (let ms = i === 0 ? 0 : painted[i - 1]!; ms < end; ms++) if (busyAt(ms)) n++;
          return n;
        });
        expect(frameWork(painted, tasks, 0)).toEqual(expected);
      }),
    );
  });

  it('merges nested and overlapping tasks', () => {
    expect(
      mergeIntervals([
        [5, 9],
        [1, 3],
        [2, 4],
        [6, 7],
        [9, 12],
        [20, 20],
      ]),
    ).toEqual([
      [1, 4],
      [5, 12],
    ]);
  });

  it("reads the page's tasks from a trace on the mark's thread, in the page's clock", () => {
    const events = [
      { name: 'bench:frames', ph: 'R', ts: 5_000_000, pid: 7, tid: 1 },
      { name: 'ThreadControllerImpl::RunTask', ph: 'X', ts: 5_010_000, dur: 3_000, pid: 7, tid: 1 },
      { name: 'RunTask', ph: 'X', ts: 5_020_000, dur: 1_500, pid: 7, tid: 1 },
      { name: 'ThreadControllerImpl::RunTask', ph: 'B', ts: 5_030_000, pid: 7, tid: 1 },
      { name: 'RunTask', ph: 'X', ts: 5_010_000, dur: 3_000, pid: 7, tid: 2 },
      { name: 'RunTask', ph: 'X', ts: 5_010_000, dur: 3_000, pid: 8, tid: 1 },
      { name: 'Layout', ph: 'X', ts: 5_011_000, dur: 1_000, pid: 7, tid: 1 },
    ];
    // The mark was made at 100 ms in the page: trace 5,000 ms is page 100 ms.
    expect(pageTasks(events, 'bench:frames', 100)).toEqual([
      [110, 113],
      [120, 121.5],
    ]);
    expect(pageTasks(events, 'another mark', 100)).toBeNull();
  });
});

describe('frame gaps in display frames', () => {
  const F = 1000 / 60;
  it('reads one frame as one frame whatever the timer rounded it to, and k frames as k', () => {
    for (const g of [16.6, 16.7, 16.8, 12, 1]) expect(snapToFrames(g, F)).toBeCloseTo(F, 9);
    expect(snapToFrames(33.3, F)).toBeCloseTo(2 * F, 9);
    expect(snapToFrames(166.7, F)).toBeCloseTo(10 * F, 9);
    expect(snapToFrames(150.1, F)).toBeCloseTo(9 * F, 9);
  });

  it('is the nearest whole number of frames (at least one) to the gap, for any gap and frame', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.01, max: 5000, noNaN: true }), fc.double({ min: 4, max: 50, noNaN: true }), (gap, frame) => {
        const snapped = snapToFrames(gap, frame);
        const k = Math.round(snapped / frame);
        expect(k).toBeGreaterThanOrEqual(1);
        expect(Math.abs(snapped - k * frame)).toBeLessThan(1e-6 * k * frame);
        // No other whole number of frames (>= 1) is nearer to the gap.
        for (const other of [k - 1, k + 1]) if (other >= 1) expect(Math.abs(gap - other * frame)).toBeGreaterThanOrEqual(Math.abs(gap - snapped) - 1e-9);
      }),
    );
  });

  it('leaves a gap alone when there is no frame to count in', () => {
    expect(snapToFrames(16.8, 0)).toBe(16.8);
    expect(snapToFrames(16.8, NaN)).toBe(16.8);
  });
});

describe("Chromium's frame report", () => {
  const rep = (state: string, affects_smoothness: boolean, pid = 7, ph = 'b') => ({
    name: 'PipelineReporter',
    ph,
    ts: 5_100_000,
    pid,
    tid: 9,
    args: { frame_reporter: { state, affects_smoothness } },
  });
  it("counts the page's shown and dropped frames, not idle ones, other processes' or the ends of spans", () => {
    const events = [
      { name: 'bench:frames', ph: 'R', ts: 5_000_000, pid: 7, tid: 1 },
      rep('STATE_PRESENTED_ALL', false),
      rep('STATE_PRESENTED_ALL', false),
      rep('STATE_PRESENTED_PARTIAL', false),
      rep('STATE_DROPPED', true),
      rep('STATE_DROPPED', false),
      rep('STATE_NO_UPDATE_DESIRED', false),
      rep('STATE_DROPPED', true, 8),
      rep('STATE_PRESENTED_ALL', false, 8),
      rep('STATE_PRESENTED_ALL', false, 7, 'e'),
      { name: 'PipelineReporter', ph: 'b', ts: 5_100_000, pid: 7, tid: 9 },
    ];
    expect(frameReport(events, 'bench:frames')).toEqual({ presented: 3, dropped: 1 });
    expect(frameReport(events, 'another mark')).toBeNull();
  });
});
