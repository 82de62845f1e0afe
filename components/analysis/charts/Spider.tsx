'use client';
/** The spider: the value of the decision against each parameter's change from base. */
import { spiderChart, type ChartText } from '@/lib/analysis/charts';
import type { SpiderResult } from '@/lib/analysis/sensitivity';
import { AnalysisChart } from './ChartFigure';

export function Spider({ result, ...text }: { result: SpiderResult } & ChartText) {
  return <AnalysisChart build={spiderChart} data={result} text={text} className="chart-spider" />;
}
