// One convention for every chart: a list of named entries that a chart fills by default is written as a map keyed
// by the entry's name. Helm merges maps key by key across values files but replaces lists whole, so a values file
// that adds an entry keeps the chart's own; an entry is switched off with `enabled: false` (or removed with null).
import { Type as T, type Static, type TSchema } from '@sinclair/typebox';
import { DNS_LABEL } from './fragments.js';

export interface NamedMapOptions {
  /** Longest name (it becomes part of object names). */
  maxLength?: number;
  /** Pattern of the names, with its message (see `pattern`); DNS-1123 label by default. */
  names?: { pattern: string; patternErrorMessage: string };
  /** Fewest entries. */
  minProperties?: number;
}

/** A map of named entries: `{ <name>: entry }`, the name checked by `propertyNames`. */
export const NamedMap = <S extends TSchema>(entry: S, description: string, { maxLength = 63, names = DNS_LABEL, minProperties }: NamedMapOptions = {}) =>
  T.Unsafe<Record<string, Static<S>>>({ type: 'object', description, propertyNames: { ...names, maxLength }, ...(minProperties === undefined ? {} : { minProperties }), additionalProperties: entry });

/** The `enabled` switch every named entry has. */
export const EntryEnabled = () => T.Optional(T.Boolean({ description: 'Render this entry (default true); false switches off an entry the chart or another values file defines.' }));
