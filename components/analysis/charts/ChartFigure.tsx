'use client';
/**
 * Draws a chart spec (lib/analysis/charts.ts) as inline SVG: an image with
 * its accessible name, <title> and <desc>, and the data behind it in a
 * visually hidden table for screen readers. Every text is React text.
 */
import { useMemo } from 'react';
import { chartSvgMarkup, type ChartSpec, type ChartText } from '@/lib/analysis/charts';
import { slugIdFrom } from '@/lib/analysis/document';
import { CARD_FONT } from '@/lib/card/card';
import { CHART_EXPORT } from '@/lib/messages/decision';
import { download } from '../../download';
import { SvgElements } from '@/components/tree/SvgElements';
import './charts.css';

/** Downloads a chart as a standalone SVG file (every text escaped by `chartSvgMarkup`). */
function downloadChart(spec: ChartSpec) {
  download(`${slugIdFrom(spec.title, new Set(), 'chart')}.svg`, `<?xml version="1.0" encoding="UTF-8"?>\n${chartSvgMarkup(spec)}`, 'image/svg+xml');
}

/** A chart with, unless `exportable` is false (the printed brief), a button to download it as SVG. */
export function ChartFigure({ spec, className, exportable = true }: { spec: ChartSpec; className?: string; exportable?: boolean }) {
  return (
    <figure className={className ? `chart ${className}` : 'chart'}>
      <svg role="img" aria-label={spec.title} width={spec.width} height={spec.height} viewBox={`0 0 ${spec.width} ${spec.height}`} fontFamily={CARD_FONT}>
        <title>{spec.title}</title>
        <desc>{spec.desc}</desc>
        <SvgElements elements={spec.elements} />
      </svg>
      {exportable ? (
        <button type="button" className="mini chart-download" aria-label={CHART_EXPORT.label(spec.title)} data-testid="chart-download" onClick={() => downloadChart(spec)}>
          {CHART_EXPORT.button}
        </button>
      ) : null}
      <DataTable className="visually-hidden" caption={spec.table.caption} head={spec.table.head} rows={spec.table.rows} />
    </figure>
  );
}

/**
 * A table of figures whose first column names each row (a chart's data for
 * screen readers, the risk profile's points on screen).
 */
export function DataTable({
  className,
  caption,
  head,
  rows,
  numericFrom,
  testId,
}: {
  className: string;
  caption?: string;
  head: readonly string[];
  rows: readonly (readonly string[])[];
  /** Columns from this one on hold numbers (right-aligned). */
  numericFrom?: number;
  testId?: string;
}) {
  const cellClass = (i: number) => (numericFrom !== undefined && i >= numericFrom ? 'num' : undefined);
  return (
    <table className={className} data-testid={testId}>
      {caption ? <caption>{caption}</caption> : null}
      <thead>
        <tr>
          {head.map((h, i) => (
            <th key={i} scope="col" className={cellClass(i)}>
              {h}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row, r) => (
          <tr key={r}>
            {row.map((c, i) =>
              i === 0 ? (
                <th key={i} scope="row" className={cellClass(i)}>
                  {c}
                </th>
              ) : (
                <td key={i} className={cellClass(i)}>
                  {c}
                </td>
              ),
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** A chart built from its data by a spec builder of lib/analysis/charts.ts, rebuilt only when the data or the words change. */
export function AnalysisChart<D>({ build, data, text, className }: { build: (data: D, text: ChartText) => ChartSpec; data: D; text: ChartText; className: string }) {
  const { valueLabel, optionName, assumptionName, width } = text;
  const spec = useMemo(() => build(data, { valueLabel, optionName, assumptionName, width }), [build, data, valueLabel, optionName, assumptionName, width]);
  return <ChartFigure spec={spec} className={className} />;
}
