export function Legend() {
  return (
    <details className="legend" open>
      <summary>Legend</summary>
      <ul>
        <li>
          <svg width="14" height="14" aria-hidden="true">
            <rect className="glyph glyph-decision" x="1" y="1" width="12" height="12" />
          </svg>
          Decision
        </li>
        <li>
          <svg width="22" height="14" aria-hidden="true">
            <rect className="legend-option" x="1" y="1" width="20" height="12" rx="4" />
          </svg>
          Option
        </li>
        <li>
          <svg width="14" height="14" aria-hidden="true">
            <circle className="glyph glyph-chance" cx="7" cy="7" r="6" />
          </svg>
          Chance
        </li>
        <li>
          <svg width="14" height="14" aria-hidden="true">
            <path className="glyph glyph-outcome" d="M1,7 L13,1 L13,13 Z" />
          </svg>
          Outcome
        </li>
        <li>
          <span className="badge-chip badge-a">A</span> assumptions <span className="badge-chip badge-r">R</span> risks{' '}
          <span className="badge-chip badge-i">I</span> indicators <span className="badge-chip badge-q">Q</span> quotes
        </li>
        <li>
          <span className="legend-broken" aria-hidden="true" /> rests on a broken assumption
        </li>
        <li>
          <span className="legend-affected" aria-hidden="true" /> under such a branch
        </li>
      </ul>
    </details>
  );
}
