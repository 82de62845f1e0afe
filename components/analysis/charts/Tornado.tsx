'use client';
/** The tornado: parameters ranked by swing, each named with the assumptions behind it. */
import { tornadoChart, type ChartText } from '@/lib/analysis/charts';
import type { TornadoResult } from '@/lib/analysis/sensitivity';
import { AnalysisChart } from './ChartFigure';

export function Tornado({ result, ...text }: { result: TornadoResult } & ChartText) {
  return <AnalysisChart build={tornadoChart} data={result} text={text} className="chart-tornado" />;
}
