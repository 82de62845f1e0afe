'use client';
/**
 * Draws a chart spec (lib/analysis/charts.ts) as inline SVG: an image with
 * its accessible name, <title> and <desc>, and the data behind it in a
 * visually hidden table for screen readers. Every text is React text.
 */
import { useMemo } from 'react';
import type { ChartSpec, ChartText } from '@/lib/analysis/charts';
import { CARD_FONT } from '@/lib/card/card';
import { SvgElements } from '@/components/tree/SvgElements';
import './charts.css';

export function ChartFigure({ spec, className }: { spec: ChartSpec; className?: string }) {
  return (
    <figure className={className ? `chart ${className}` : 'chart'}>
      <svg role="img" aria-label={spec.title} width={spec.width} height={spec.height} viewBox={`0 0 ${spec.width} ${spec.height}`} fontFamily={CARD_FONT}>
        <title>{spec.title}</title>
        <desc>{spec.desc}</desc>
        <SvgElements elements={spec.elements} />
      </svg>
      <table className="visually-hidden">
        <caption>{spec.table.caption}</caption>
        <thead>
          <tr>
            {spec.table.head.map((h, i) => (
              <th key={i} scope="col">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {spec.table.rows.map((row, r) => (
            <tr key={r}>
              {row.map((c, i) =>
                i === 0 ? (
                  <th key={i} scope="row">
                    {c}
                  </th>
                ) : (
                  <td key={i}>{c}</td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}

/** A chart built from its data by a spec builder of lib/analysis/charts.ts, rebuilt only when the data or the words change. */
export function AnalysisChart<D>({ build, data, text, className }: { build: (data: D, text: ChartText) => ChartSpec; data: D; text: ChartText; className: string }) {
  const { valueLabel, optionName, assumptionName, width } = text;
  const spec = useMemo(() => build(data, { valueLabel, optionName, assumptionName, width }), [build, data, valueLabel, optionName, assumptionName, width]);
  return <ChartFigure spec={spec} className={className} />;
}
