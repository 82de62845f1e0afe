'use client';
/** The risk profile of the best policy: its outcome values with their probabilities. */
import { riskProfileChart, type RiskPoint, type ChartText } from '@/lib/analysis/charts';
import { AnalysisChart } from './ChartFigure';

export function RiskProfile({ points, ...text }: { points: readonly RiskPoint[] } & ChartText) {
  return <AnalysisChart build={riskProfileChart} data={points} text={text} className="chart-risk" />;
}
