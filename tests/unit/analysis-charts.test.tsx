/**
 * The analysis charts are defined once (lib/analysis/charts.ts) and drawn by
 * two painters: the React components and the standalone SVG export. These
 * tests hold both to the spec (same words in the same order), the export to
 * escaping every text, and every chart to staying inside its canvas with an
 * accessible name, a summary and a data table.
 */
import fc from 'fast-check';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import {
  chartSvgMarkup,
  monteCarloHistogramChart,
  riskProfileChart,
  spiderChart,
  strategyRegionsChart,
  tornadoChart,
  type ChartSpec,
} from '@/lib/analysis/charts';
import type { SvgEl } from '@/lib/card/card';
import { createMonteCarlo } from '@/lib/analysis/montecarlo';
import { spider, tornado, twoWay } from '@/lib/analysis/sensitivity';
import type { Evaluate, SensParameter } from '@/lib/analysis/sensitivity-types';
import { Tornado } from '@/components/analysis/charts/Tornado';
import { Spider } from '@/components/analysis/charts/Spider';
import { StrategyRegions } from '@/components/analysis/charts/StrategyRegions';
import { RiskProfile } from '@/components/analysis/charts/RiskProfile';
import { MonteCarloHistogram } from '@/components/analysis/charts/MonteCarloHistogram';

const HOSTILE = `<script>alert("x")</script> & 'quotes'`;

const evaluate: Evaluate = (o) => {
  const p = o.p ?? 0.4;
  const c = o.c ?? 10;
  if (c > 25) return { ok: false, message: `cost ${HOSTILE}` };
  const a = 100 * p - c;
  const b = 20;
  const best = a > b ? ['A'] : a < b ? ['B'] : ['A', 'B'];
  return { ok: true, options: [{ id: 'A', value: a }, { id: 'B', value: b }], best, value: Math.max(a, b) };
};
const P: SensParameter[] = [
  { id: 'p', name: `Chance ${HOSTILE}`, base: 0.4, low: 0.1, high: 0.9, assumptionIds: ['a1'], distribution: { kind: 'uniform', min: 0.1, max: 0.9 } },
  { id: 'c', name: 'Cost', base: 10, low: 0, high: 30, assumptionIds: [], distribution: { kind: 'triangular', min: 0, mode: 10, max: 30 } },
];
const text = { valueLabel: `Value ${HOSTILE}`, optionName: (id: string) => `Option ${id} ${HOSTILE}`, assumptionName: () => `Assumption ${HOSTILE}` };

function specs(): [string, ChartSpec, React.ReactElement][] {
  const t = tornado(evaluate, P, 'reoptimised');
  const s = spider(evaluate, P, 5);
  const tw = twoWay(evaluate, P[0]!, P[1]!, 6, 5);
  const mc = createMonteCarlo(evaluate, P, { seed: 5, iterations: 500 });
  mc.step(500);
  const r = mc.result();
  const risk = [
    { value: 30, probability: 0.25 },
    { value: -5, probability: 0.5 },
    { value: 30, probability: 0.25 },
  ];
  return [
    ['tornado', tornadoChart(t, text), <Tornado key="t" result={t} {...text} />],
    ['spider', spiderChart(s, text), <Spider key="s" result={s} {...text} />],
    ['regions', strategyRegionsChart(tw, text), <StrategyRegions key="r" result={tw} {...text} />],
    ['risk', riskProfileChart(risk, text), <RiskProfile key="p" points={risk} {...text} />],
    ['montecarlo', monteCarloHistogramChart(r, text), <MonteCarloHistogram key="m" result={r} {...text} />],
  ];
}

/** Every text of an element tree, in document order. */
function texts(els: readonly (SvgEl | string)[]): string[] {
  return els.flatMap((e) => (typeof e === 'string' ? [e] : texts(e.children ?? [])));
}

const decode = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#x27;|&#39;/g, "'").replace(/&amp;/g, '&');
/** The contents of every <text> element of some markup, decoded. */
const markupTexts = (markup: string) => [...markup.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => decode(m[1] ?? ''));

describe.each(specs())('%s', (_name, spec, component) => {
  it('the export escapes every text: no markup but its own', () => {
    const svg = chartSvgMarkup(spec);
    expect(svg).not.toContain('<script');
    expect(svg).toContain('&lt;script&gt;');
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    const tags = [...svg.matchAll(/<\/?([a-zA-Z]+)/g)].map((m) => m[1]);
    expect(new Set(tags)).toEqual(new Set(tags.filter((t) => ['svg', 'title', 'desc', 'g', 'rect', 'path', 'text', 'circle'].includes(t!))));
    // Every attribute value is quoted and free of raw < and ".
    for (const m of svg.matchAll(/ [a-z-]+="([^"]*)"/g)) expect(m[1]).not.toMatch(/[<]/);
  });

  it('the page and the export draw the same words in the same order', () => {
    const page = renderToStaticMarkup(component);
    const svgPart = page.slice(page.indexOf('<svg'), page.indexOf('</svg>') + 6);
    expect(markupTexts(svgPart)).toEqual(markupTexts(chartSvgMarkup(spec)));
    expect(markupTexts(svgPart)).toEqual(texts(spec.elements));
  });

  it('has an accessible name, a summary and a data table', () => {
    const page = renderToStaticMarkup(component);
    expect(page).toContain(`role="img"`);
    expect(page).toMatch(/aria-label="[^"]+"/);
    expect(page).toContain('<title>');
    expect(page).toContain('<desc>');
    expect(page).toContain('<table class="visually-hidden">');
    expect(spec.desc.length).toBeGreaterThan(20);
    expect(spec.table.rows.length).toBeGreaterThan(0);
    for (const row of spec.table.rows) expect(row).toHaveLength(spec.table.head.length);
  });
});

describe('tornado chart', () => {
  it('lists bars in rank order with their assumptions, and the failed evaluation as failed', () => {
    const t = tornado(evaluate, P, 'reoptimised');
    const spec = tornadoChart(t, text);
    expect(spec.table.rows.map((r) => r[0])).toEqual(t.bars.map((b) => b.name));
    const cost = spec.table.rows.find((r) => r[0] === 'Cost')!;
    expect(cost[5]).toBe(`Evaluation failed: cost ${HOSTILE}`);
    expect(cost[6]).toBe('—'); // no swing: never 0
    expect(spec.table.rows[0]![1]).toBe(`Assumption ${HOSTILE}`);
  });
});

describe('monte carlo chart', () => {
  it('counts the invalid runs in the picture and the table', () => {
    const mc = createMonteCarlo(evaluate, P, { seed: 5, iterations: 500 });
    mc.step(500);
    const r = mc.result();
    expect(r.invalid).toBeGreaterThan(0);
    const spec = monteCarloHistogramChart(r, text);
    expect(texts(spec.elements).join(' ')).toContain(`${r.invalid} invalid runs excluded`);
    expect(spec.table.rows).toContainEqual(['Invalid runs (excluded)', String(r.invalid)]);
  });
});

/** The numeric extent of an element's geometry: rect boxes, circles, text anchors and path points. */
function points(e: SvgEl): [number, number][] {
  const a = e.attrs as Record<string, string | number>;
  const own: [number, number][] = [];
  const n = (k: string) => Number(a[k]);
  if (e.tag === 'rect') own.push([n('x') || 0, n('y') || 0], [(n('x') || 0) + n('width'), (n('y') || 0) + n('height')]);
  if (e.tag === 'circle') own.push([n('cx'), n('cy')]);
  if (e.tag === 'text') own.push([n('x'), n('y')]);
  if (e.tag === 'path') {
    // Path data here is M and L with x y, H with x, V with y.
    let cx = 0;
    let cy = 0;
    for (const [, cmd, args] of String(a.d).matchAll(/([MLHV])([^MLHV]*)/g)) {
      const v = (args ?? '').trim().split(/[\s,]+/).map(Number);
      if (cmd === 'H') cx = v[0]!;
      else if (cmd === 'V') cy = v[0]!;
      else [cx, cy] = [v[0]!, v[1]!];
      own.push([cx, cy]);
    }
  }
  return [...own, ...(e.children ?? []).flatMap((c) => (typeof c === 'string' ? [] : points(c)))];
}

describe('every chart stays inside its canvas (property)', () => {
  it('for random linear trees and ranges', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: -50, max: 50 }), fc.integer({ min: -100, max: 100 }), fc.integer({ min: 1, max: 50 })), { minLength: 1, maxLength: 8 }),
        fc.integer({ min: -1000, max: 1000 }),
        (ps, shift) => {
          // Value of option A = shift + Σ kᵢ·xᵢ; option B = shift.
          const params: SensParameter[] = ps.map(([, base, half], i) => ({ id: `x${i}`, name: `Parameter ${i} with a rather long name that must be cut`, base, low: base - half, high: base + half, assumptionIds: [`as${i}`] }));
          const ev: Evaluate = (o) => {
            const a = shift + ps.reduce((s, [k, base], i) => s + k * (o[`x${i}`] ?? base), 0);
            return { ok: true, options: [{ id: 'A', value: a }, { id: 'B', value: shift }], best: a >= shift ? ['A'] : ['B'], value: Math.max(a, shift) };
          };
          const charts = [tornadoChart(tornado(ev, params, 'reoptimised')), spiderChart(spider(ev, params, 5))];
          if (params.length >= 2) charts.push(strategyRegionsChart(twoWay(ev, params[0]!, params[1]!, 4, 4)));
          for (const c of charts) {
            for (const [x, y] of c.elements.flatMap(points)) {
              expect(x).toBeGreaterThanOrEqual(-0.01);
              expect(y).toBeGreaterThanOrEqual(-0.01);
              expect(x).toBeLessThanOrEqual(c.width + 0.01);
              expect(y).toBeLessThanOrEqual(c.height + 0.01);
            }
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});
