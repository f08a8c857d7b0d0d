// The table of distinct strings that a batch sent between threads refers to by index (results, lint findings): a
// name or a message repeated in a batch crosses once.

export interface StringTable {
  /** The distinct strings, in the order first seen. */
  strings: string[];
  /** The index of `s` in `strings`, added when new. */
  id(s: string): number;
}

export function stringTable(): StringTable {
  const strings: string[] = [];
  const index = new Map<string, number>();
  return {
    strings,
    id: (s) => {
      let i = index.get(s);
      if (i === undefined) {
        i = strings.length;
        strings.push(s);
        index.set(s, i);
      }
      return i;
    },
  };
}
