'use client';
/** Two-way strategy regions: the best option in each cell of two parameters' ranges. */
import { strategyRegionsChart, type ChartText } from '@/lib/analysis/charts';
import type { TwoWayResult } from '@/lib/analysis/sensitivity';
import { AnalysisChart } from './ChartFigure';

export function StrategyRegions({ result, ...text }: { result: TwoWayResult } & ChartText) {
  return <AnalysisChart build={strategyRegionsChart} data={result} text={text} className="chart-regions" />;
}
