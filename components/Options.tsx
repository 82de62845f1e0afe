/** The <option>s of a select: each value with its label (one rendering for every select of a vocabulary). */
export function Options<V extends string>({ values, labels }: { values: readonly V[]; labels: Readonly<Record<V, string>> }) {
  return (
    <>
      {values.map((v) => (
        <option key={v} value={v}>
          {labels[v]}
        </option>
      ))}
    </>
  );
}
