// Where the node at a JSON pointer starts in YAML text, found by walking js-yaml's parser events (offsets into the
// text, no document model): one pass over the events per pointer, for the few problems an error message locates.
// Positions match the yaml library's: a quoted scalar starts at its quote, a block scalar at its | or > indicator.
import { EVENT_ID, getScalarValue, parseEvents, SCALAR_STYLE, type Event, type ScalarEvent } from 'js-yaml';

export type Locate = (pointer: string, options?: { key?: boolean }) => { line: number; column: number } | undefined;

/** A locator over `text` (which js-yaml parses as one document); the events are read on the first call. */
export function eventLocator(text: string): Locate {
  let events: Event[] | undefined;
  let lineStarts: number[] | undefined;
  return (pointer, options) => {
    events ??= parseEvents(text, {});
    const offset = offsetAt(events, text, pointer, options?.key ?? false);
    if (offset === undefined) return undefined;
    lineStarts ??= startsOfLines(text);
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((lineStarts[mid] as number) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - (lineStarts[lo] as number) + 1 };
  };
}

function startsOfLines(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/** The index just past the node that starts at event `i`. */
function skip(events: Event[], i: number): number {
  const e = events[i] as Event;
  if (e.type !== EVENT_ID.MAPPING && e.type !== EVENT_ID.SEQUENCE) return i + 1;
  let depth = 0;
  for (let j = i; j < events.length; j++) {
    const t = (events[j] as Event).type;
    if (t === EVENT_ID.MAPPING || t === EVENT_ID.SEQUENCE) depth++;
    else if (t === EVENT_ID.POP && --depth === 0) return j + 1;
  }
  return events.length;
}

function startOf(e: Event, text: string): number | undefined {
  if (e.type === EVENT_ID.MAPPING || e.type === EVENT_ID.SEQUENCE) return e.start;
  if (e.type !== EVENT_ID.SCALAR) return undefined;
  if (e.style === SCALAR_STYLE.SINGLE_QUOTED || e.style === SCALAR_STYLE.DOUBLE_QUOTED) return e.valueStart - 1;
  if (e.style === SCALAR_STYLE.LITERAL_BLOCK || e.style === SCALAR_STYLE.FOLDED_BLOCK) {
    const indicator = Math.max(text.lastIndexOf('|', e.valueStart), text.lastIndexOf('>', e.valueStart));
    return indicator === -1 ? e.valueStart : indicator;
  }
  return e.valueStart;
}

/** The deepest node on the pointer's path that exists (a missing key points at its parent), as an offset. */
function offsetAt(events: Event[], text: string, pointer: string, wantKey: boolean): number | undefined {
  const parts = pointer.split('/').slice(1).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  let i = events.findIndex((e) => e.type !== EVENT_ID.DOCUMENT);
  if (i === -1) return undefined;
  /** The key of the node at i, when it is a mapping value: an empty value is placed just after its key's colon. */
  let keyOf: ScalarEvent | undefined;
  for (const [depth, part] of parts.entries()) {
    const node = events[i] as Event;
    if (node.type === EVENT_ID.MAPPING) {
      let j = i + 1;
      let found: number | undefined;
      while (j < events.length && (events[j] as Event).type !== EVENT_ID.POP) {
        const key = events[j] as Event;
        const value = skip(events, j);
        if (key.type === EVENT_ID.SCALAR && getScalarValue(text, key as ScalarEvent) === part) {
          found = wantKey && depth === parts.length - 1 ? j : value;
          keyOf = found === value ? (key as ScalarEvent) : undefined;
          break;
        }
        j = skip(events, value);
      }
      if (found === undefined) return startOf(node, text);
      i = found;
    } else if (node.type === EVENT_ID.SEQUENCE) {
      let j = i + 1;
      for (let n = 0; n < Number(part) && j < events.length && (events[j] as Event).type !== EVENT_ID.POP; n++) j = skip(events, j);
      if (j >= events.length || (events[j] as Event).type === EVENT_ID.POP || !/^\d+$/.test(part)) return startOf(node, text);
      i = j;
      keyOf = undefined;
    } else {
      return startOf(node, text);
    }
  }
  const target = events[i] as Event;
  if (target.type === EVENT_ID.SCALAR && target.valueStart === -1) return keyOf !== undefined ? text.indexOf(':', keyOf.valueEnd) + 1 : undefined;
  return startOf(target, text);
}

/** A key that a mapping repeats: its text, and where it and its first occurrence start (offsets). */
export interface RepeatedKey {
  key: string;
  offset: number;
  firstOffset: number;
}

/**
 * The first key that a mapping repeats, as the yaml library would report it (the first mapping in document order
 * that repeats a key, at the first key that repeats an earlier one), found in one pass over js-yaml's events with a
 * Map per open mapping. Undefined when the events cannot say it as the yaml library would: the text does not parse,
 * holds several documents, or the keys involved are not both plain strings or both quoted (`1` and `"1"` are one key
 * to js-yaml, two to yaml), tagged or anchored, or the first repeat in the text is not where js-yaml stopped
 * (`reportedAt`: `01` and `1` are one key to both parsers, not to a comparison of texts); the caller then asks the
 * yaml library.
 */
export function firstRepeatedKey(text: string, reportedAt: number): RepeatedKey | undefined {
  let events: Event[];
  try {
    events = parseEvents(text, {});
  } catch {
    return undefined;
  }
  if (events.filter((e) => e.type === EVENT_ID.DOCUMENT).length > 1) return undefined;
  type Frame = { map: false } | { map: true; order: number; expectKey: boolean; keys: Map<string, ScalarEvent> };
  const stack: Frame[] = [];
  let maps = 0;
  let best: { order: number; key: ScalarEvent; first: ScalarEvent } | undefined;
  let earliest: ScalarEvent | undefined;
  /** A node ended: in a mapping, a key is followed by its value, and a value by the next key. */
  const ended = (): void => {
    const top = stack.at(-1);
    if (top?.map === true) top.expectKey = !top.expectKey;
  };
  for (const e of events) {
    const top = stack.at(-1);
    if (e.type === EVENT_ID.DOCUMENT || e.type === EVENT_ID.SEQUENCE) stack.push({ map: false });
    else if (e.type === EVENT_ID.MAPPING) stack.push({ map: true, order: maps++, expectKey: true, keys: new Map() });
    else if (e.type === EVENT_ID.POP) {
      stack.pop();
      ended();
    } else if (e.type === EVENT_ID.ALIAS) ended();
    else if (e.type === EVENT_ID.SCALAR) {
      if (top?.map === true && top.expectKey) {
        const value = getScalarValue(text, e);
        const first = top.keys.get(value);
        if (first === undefined) top.keys.set(value, e);
        else {
          earliest ??= e;
          if (best === undefined || top.order < best.order) best = { order: top.order, key: e, first };
        }
      }
      ended();
    }
  }
  if (best === undefined || earliest === undefined || (startOf(earliest, text) !== reportedAt && earliest.valueStart !== reportedAt)) return undefined;
  const { key, first } = best;
  const plain = (s: ScalarEvent): boolean => s.style === SCALAR_STYLE.PLAIN;
  const bare = (s: ScalarEvent): boolean => s.tagStart === -1 && s.anchorStart === -1;
  if (!bare(key) || !bare(first) || plain(key) !== plain(first)) return undefined;
  const value = getScalarValue(text, key);
  // a plain key the core schema reads as null, a boolean or a number is worded by the yaml library (as its value)
  if (plain(key) && (value === '' || /^(?:~|null|Null|NULL|true|True|TRUE|false|False|FALSE|[-+]?(?:\.inf|\.Inf|\.INF)|\.nan|\.NaN|\.NAN)$/.test(value) || /^[-+]?(?:[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+|(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?)$/.test(value))) {
    return undefined;
  }
  const offset = startOf(key, text);
  const firstOffset = startOf(first, text);
  return offset === undefined || firstOffset === undefined ? undefined : { key: value, offset, firstOffset };
}

/** Line and column (1-based) of an offset of the text. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    start = i + 1;
  }
  return { line, column: offset - start + 1 };
}
