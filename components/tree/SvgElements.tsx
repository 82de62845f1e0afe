/**
 * React SVG elements from the element trees of lib/card (the node card and
 * the legend swatches). Attributes pass through as they are (they are React
 * names already); `partProps` adds props to the elements of one card part
 * (the live tree's toggle gets its data attribute this way).
 */
import { createElement, type ReactNode } from 'react';
import type { CardPart, SvgEl } from '@/lib/card/card';

export type PartProps = Partial<Record<CardPart, Readonly<Record<string, string | number | undefined>>>>;

export function renderSvgElement(node: SvgEl | string, partProps?: PartProps, key?: number): ReactNode {
  if (typeof node === 'string') return node;
  const extra = node.part ? partProps?.[node.part] : undefined;
  const kids = (node.children ?? []).map((c) => renderSvgElement(c, partProps));
  return createElement(node.tag, { key, ...node.attrs, ...extra }, ...kids);
}

export function SvgElements({ elements, partProps }: { elements: readonly SvgEl[]; partProps?: PartProps }) {
  return <>{elements.map((e, i) => renderSvgElement(e, partProps, i))}</>;
}
