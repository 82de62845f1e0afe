// Types for scripts/frame-work.mjs (plain JavaScript, run by node from scripts/bench.mjs; typed for the unit tests).

export type Interval = [number, number];

export interface TraceEvent {
  name: string;
  ph?: string;
  ts?: number;
  dur?: number;
  pid?: number;
  tid?: number;
  args?: { frame_reporter?: { state?: string; affects_smoothness?: boolean } };
}

export function pageTasks(events: readonly TraceEvent[], markName: string, markAt: number): Interval[] | null;
export function mergeIntervals(intervals: readonly Interval[]): Interval[];
export function frameWork(painted: readonly number[], tasks: readonly Interval[], from: number): number[];
export function snapToFrames(gap: number, interval: number): number;
export function frameReport(events: readonly TraceEvent[], markName: string): { presented: number; dropped: number } | null;
