/**
 * The legend under the tree: the entries of lib/card/legend (the exported
 * picture shows the same), each a small swatch drawn with the card's own
 * glyphs, badges and paint, then its words.
 */
import { CARD_GROUP_ATTRS } from '@/lib/card/card';
import { LEGEND_ENTRIES, SPLIT_LEGEND_ENTRIES, SWATCH_HEIGHT, TALK_LEGEND_ENTRY } from '@/lib/card/legend';
import { LEGEND_WORDS } from '@/lib/messages/card';
import { SvgElements } from './SvgElements';

export function Legend() {
  return (
    <details className="legend" open>
      <summary>{LEGEND_WORDS.title}</summary>
      <ul>
        {[...LEGEND_ENTRIES, ...SPLIT_LEGEND_ENTRIES, TALK_LEGEND_ENTRY].map((e) => (
          <li key={e.key}>
            <svg width={e.swatchWidth + 2} height={SWATCH_HEIGHT + 2} aria-hidden="true">
              <g transform="translate(1, 1)" {...CARD_GROUP_ATTRS}>
                <SvgElements elements={e.swatch} />
              </g>
            </svg>
            {e.text}
          </li>
        ))}
      </ul>
    </details>
  );
}
