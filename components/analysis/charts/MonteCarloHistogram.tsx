'use client';
/** The Monte Carlo histogram: the value of the decision over the valid runs, with its mean, median and percentiles. */
import { monteCarloHistogramChart, type ChartText } from '@/lib/analysis/charts';
import type { MonteCarloResult } from '@/lib/analysis/montecarlo';
import { AnalysisChart } from './ChartFigure';

export function MonteCarloHistogram({ result, ...text }: { result: MonteCarloResult } & ChartText) {
  return <AnalysisChart build={monteCarloHistogramChart} data={result} text={text} className="chart-montecarlo" />;
}
