/** Select, radio or segmented options for a fixed list of values, each labelled by `label`. */
export function optionsOf<V extends string>(values: readonly V[], label: (v: V) => string): { value: V; label: string }[] {
  return values.map((value) => ({ value, label: label(value) }));
}
