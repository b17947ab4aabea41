import { ValidationError } from '../errors/errors.js';
import { formatPath } from '../errors/from-zod.js';
import { arrayEntries, foldTree, type TreePosition } from './fold-tree.js';

/**
 * JSON with object keys sorted at every level. Values JSON cannot represent are written the way
 * `JSON.stringify` writes them (dropped in objects, `null` in arrays), bigints as their digits.
 * Iterative and linear: a webhook body nested thousands of levels deep is
 * valid JSON, and failing on it would answer 500 and make the provider redeliver it forever. Tokens
 * are collected in document order and joined once, so no level copies the text of the levels inside.
 *
 * Used for identities that must not depend on key order: a webhook event's, a queued campaign's.
 *
 * @param name - What the value is, for the path of the error.
 * @throws {ValidationError} for a value that contains itself (only in-process values can).
 */
export function stableJson(value: unknown, name = 'value'): string {
  const parts: string[] = [];
  // What comes before a value: a comma after a sibling, and its key inside an object.
  const prefix = (at: TreePosition) => {
    if (at.index > 0) parts.push(',');
    if (typeof at.key === 'string') parts.push(JSON.stringify(at.key), ':');
  };
  foldTree<void>(value, {
    visit(item, at) {
      prefix(at);
      const json = toJsonValue(item);
      if (json === undefined) {
        parts.push('null');
        return { leaf: undefined };
      }
      if (typeof json !== 'object' || json === null) {
        parts.push(JSON.stringify(json));
        return { leaf: undefined };
      }
      if (Array.isArray(json)) {
        parts.push('[');
        return { branch: json, entries: arrayEntries(json) };
      }
      const record = json as Record<string, unknown>;
      const entries = Object.keys(record)
        .sort()
        .filter((key) => toJsonValue(record[key]) !== undefined)
        .map((key) => [key, record[key]] as const);
      parts.push('{');
      return { branch: record, entries };
    },
    join(branch) {
      parts.push(Array.isArray(branch) ? ']' : '}');
    },
    cycle(_branch, at) {
      const path = formatPath([name, ...at.path()]);
      throw new ValidationError('Cannot compute the identity of a circular value', {
        issues: [{ path, message: 'refers to an enclosing value (circular)' }],
      });
    },
  });
  return parts.join('');
}

function toJsonValue(value: unknown): unknown {
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'function' || typeof value === 'symbol') return undefined;
  if (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { toJSON?: unknown }).toJSON === 'function'
  ) {
    return (value as { toJSON: () => unknown }).toJSON();
  }
  return value;
}
