// Telling repeated values in a list: a Set only from the second distinct value on (most lists a rule checks for
// duplicates have one item, and a Set per list per object adds up over a release).
export class Seen {
  private one: string | undefined;
  private many: Set<string> | undefined;

  /** Whether `v` came before; remembers it. */
  repeated(v: string): boolean {
    if (this.many !== undefined) {
      if (this.many.has(v)) return true;
      this.many.add(v);
      return false;
    }
    if (this.one === undefined) {
      this.one = v;
      return false;
    }
    if (this.one === v) return true;
    this.many = new Set([this.one, v]);
    return false;
  }
}
