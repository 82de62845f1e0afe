/**
 * The benchmark's frame recorder (app/bench/_lib/harness createFrameRecorder), driven by a fake clock, frame loop,
 * input and task queue: each frame's main-thread work runs from its first input event (or its animation callbacks
 * when it had none) to the end of its painting, while the gaps between frames stay what they were.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createFrameRecorder } from '@/app/bench/_lib/harness';

let now = 0;
let frameCallbacks: FrameRequestCallback[] = [];
let afterPaint: (() => void)[] = [];
const listeners = new Map<string, EventListener>();

beforeEach(() => {
  now = 0;
  frameCallbacks = [];
  afterPaint = [];
  listeners.clear();
  vi.spyOn(performance, 'now').mockImplementation(() => now);
  vi.stubGlobal('requestAnimationFrame', (cb: FrameRequestCallback) => frameCallbacks.push(cb));
  vi.stubGlobal('addEventListener', (type: string, fn: EventListener) => listeners.set(type, fn));
  vi.stubGlobal('removeEventListener', (type: string) => listeners.delete(type));
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

/** Input events at `inputs` (ms), the frame's callbacks at `at`, its painting done at `painted`. */
function frame(at: number, painted: number, inputs: { type: string; at: number }[] = []): void {
  for (const input of inputs) {
    now = input.at;
    listeners.get(input.type)?.(new Event(input.type));
  }
  now = at;
  for (const cb of frameCallbacks.splice(0)) cb(at);
  now = painted;
  for (const task of afterPaint.splice(0)) task();
}

describe('frame recorder', () => {
  it('times each frame from its first input to its paint, and from its callbacks when it had no input', () => {
    const rec = createFrameRecorder();
    rec.start();
    frame(1000, 1002);
    frame(1016.7, 1030, [
      { type: 'pointermove', at: 1005 },
      { type: 'wheel', at: 1010 },
    ]);
    frame(1033.4, 1034);
    frame(1050, 1061, [{ type: 'mousemove', at: 1048 }]);
    const { gaps, work } = rec.stop();
    expect(gaps).toEqual([16.7, 16.7, 16.6]);
    expect(work).toEqual([2, 25, 0.6, 13]);
  });

  it('stops listening when stopped, and starts afresh', () => {
    const rec = createFrameRecorder();
    rec.start();
    frame(1000, 1001, [{ type: 'pointerdown', at: 990 }]);
    const onMove = listeners.get('pointermove');
    expect(rec.stop().work).toEqual([11]);
    expect(listeners.size).toBe(0);
    // An input seen after the stop (by a listener still queued) is not carried into the next recording.
    now = 1500;
    onMove?.(new Event('pointermove'));
    frame(1516.7, 1517);
    rec.start();
    frame(2000, 2003);
    frame(2016.7, 2020, [{ type: 'pointerup', at: 2010 }]);
    expect(rec.stop()).toEqual({ gaps: [16.7], work: [3, 10] });
  });
});
