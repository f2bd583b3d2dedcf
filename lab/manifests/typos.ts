// Misspelt field names: kubectl apply's strict field validation (the default since Kubernetes 1.27)
// refuses a field the schema does not have, so a slip of a known field is a typo (fields.ts says it so,
// with the field it is a slip of).
/**
 * A field name that is a slip of another, which the API server would refuse as unknown (kubectl apply's
 * strict field validation, the default since Kubernetes 1.27): the same but for case, or one edit away
 * (two for long names). Example: typoOf('peerAsn', ['peerASN']) is 'peerASN'.
 */
export function typoOf(name: string, known: Iterable<string>): string | undefined {
  const distance = (a: string, b: string): number => {
    const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
    for (let j = 1; j <= b.length; j++) d[0]![j] = j;
    for (let i = 1; i <= a.length; i++) {
      for (let j = 1; j <= b.length; j++) {
        d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
        if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
      }
    }
    return d[a.length]![b.length]!;
  };
  const allowed = name.length >= 10 ? 2 : name.length >= 5 ? 1 : 0;
  return [...known].find((k) => k !== name && (k.toLowerCase() === name.toLowerCase() || distance(k, name) <= allowed));
}
