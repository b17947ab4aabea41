import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import formatsModule from 'ajv-formats';
import { loadMetaSchemas } from './meta-openapi.js';
import type { SchemaMap, SchemaNode } from './schema-nodes.js';

// ajv-formats is CommonJS: under NodeNext its default import is `module.exports`, whose `default` is the plugin.
const addFormats = formatsModule.default;

/** The schemas of Meta's file the emulator validates request bodies with. */
export type MetaSchemaName =
  | 'TextMessage'
  | 'AudioMessage'
  | 'DocumentMessage'
  | 'ImageMessage'
  | 'LocationMessage'
  | 'VideoMessage'
  | 'StickerMessage'
  | 'ReactionMessage'
  | 'InteractiveMessage'
  | 'TemplateMessage'
  | 'ContactsMessage'
  | 'MarkMessageRequestPayload'
  | 'WhatsAppBusinessProfileUpdateRequest';

/**
 * The schema of each message `type` a send may have. A body without `type` is text, as Meta treats it.
 */
export const MESSAGE_TYPE_SCHEMAS: Readonly<Record<string, MetaSchemaName>> = Object.freeze({
  text: 'TextMessage',
  image: 'ImageMessage',
  video: 'VideoMessage',
  audio: 'AudioMessage',
  document: 'DocumentMessage',
  sticker: 'StickerMessage',
  location: 'LocationMessage',
  contacts: 'ContactsMessage',
  interactive: 'InteractiveMessage',
  template: 'TemplateMessage',
  reaction: 'ReactionMessage',
});

/** The most telling reason a body failed its schema. */
export interface SchemaViolation {
  /** Where, as a readable path into the body: `interactive.action.buttons[3].reply.title` (`` = the body). */
  path: string;
  /** The JSON-Schema keyword that failed (`required`, `maxLength`, `unevaluatedProperties`, …). */
  keyword: string;
  /** A sentence naming the path, for `error_data.details`. */
  details: string;
}

const COMBINATORS = new Set(['oneOf', 'anyOf', 'allOf', 'if', 'not']);

let loading: Promise<MetaSchemaValidator> | undefined;

/**
 * Validates request bodies against (fixed) schemas of Meta's OpenAPI file with Ajv's JSON Schema 2020-12
 * validator. One validator per message type rather than the `Message` oneOf: a oneOf failure is eleven
 * branches of noise, the per-type one names the field.
 */
export class MetaSchemaValidator {
  readonly #ajv: Ajv2020;
  readonly #compiled = new Map<MetaSchemaName, ValidateFunction>();

  private constructor(schemas: SchemaMap) {
    // strict: false because the file uses OpenAPI keywords (example, nullable, …) Ajv does not know.
    // verbose: errors carry their schema, to list the alternatives of a failed oneOf/anyOf.
    this.#ajv = new Ajv2020({ strict: false, allErrors: true, verbose: true });
    addFormats(this.#ajv);
    // Meta's internal refs (`#/components/schemas/X`) resolve inside this wrapper document.
    this.#ajv.addSchema({ $id: 'meta.json', components: { schemas } });
  }

  /** The shared validator, created on first use (reading and compiling takes about a second). */
  static load(): Promise<MetaSchemaValidator> {
    loading ??= loadMetaSchemas().then(
      (schemas) => new MetaSchemaValidator(schemas),
      (error: unknown) => {
        loading = undefined;
        throw error;
      },
    );
    return loading;
  }

  /** `undefined` when `value` satisfies the schema, otherwise the most specific violation. */
  validate(name: MetaSchemaName, value: unknown): SchemaViolation | undefined {
    const validateFn = this.#validator(name);
    if (validateFn(value)) return undefined;
    return describeErrors(validateFn.errors ?? []);
  }

  #validator(name: MetaSchemaName): ValidateFunction {
    let validateFn = this.#compiled.get(name);
    if (validateFn === undefined) {
      validateFn = this.#ajv.compile({ $ref: `meta.json#/components/schemas/${name}` });
      this.#compiled.set(name, validateFn);
    }
    return validateFn;
  }
}

/**
 * Picks the deepest concrete error (a failed `maxLength` inside a oneOf branch says more than the oneOf
 * itself) and renders it with the path it concerns.
 */
export function describeErrors(errors: readonly ErrorObject[]): SchemaViolation {
  const concrete = errors.filter((error) => !COMBINATORS.has(error.keyword));
  const pool = concrete.length > 0 ? concrete : errors;
  let best = pool[0] as ErrorObject;
  for (const error of pool) {
    if (segments(error.instancePath).length > segments(best.instancePath).length) best = error;
  }
  const alternatives =
    best.keyword === 'required' || COMBINATORS.has(best.keyword) ? combinatorOf(best, errors) : undefined;
  if (alternatives !== undefined) {
    const path = readablePath(segments(best.instancePath));
    const words = alternatives.kind === 'oneOf' ? 'exactly one of' : 'at least one of';
    return {
      path,
      keyword: alternatives.kind,
      details: `Param ${name(path)} must contain ${words}: ${alternatives.list}`,
    };
  }
  return render(best);
}

function render(error: ErrorObject): SchemaViolation {
  const base = segments(error.instancePath);
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required': {
      const path = readablePath([...base, String(params.missingProperty)]);
      return { path, keyword: 'required', details: `The parameter ${path} is required` };
    }
    case 'unevaluatedProperties':
    case 'additionalProperties': {
      const key = String(params.unevaluatedProperty ?? params.additionalProperty);
      const parent = readablePath(base);
      return {
        path: readablePath([...base, key]),
        keyword: error.keyword,
        details: `Unexpected key "${key}" on ${parent === '' ? 'the request body' : `param "${parent}"`}`,
      };
    }
    case 'enum': {
      const path = readablePath(base);
      const allowed = (params.allowedValues as unknown[]).map((value) => JSON.stringify(value)).join(', ');
      return { path, keyword: 'enum', details: `Param ${name(path)} must be one of ${allowed}` };
    }
    case 'const': {
      const path = readablePath(base);
      return {
        path,
        keyword: 'const',
        details: `Param ${name(path)} must be ${JSON.stringify(params.allowedValue)}`,
      };
    }
    default: {
      const path = readablePath(base);
      return {
        path,
        keyword: error.keyword,
        details: `Param ${name(path)} ${error.message ?? 'is invalid'}`,
      };
    }
  }
}

/** When `error` comes from a oneOf/anyOf whose branches differ only in required keys, those keys. */
function combinatorOf(
  error: ErrorObject,
  errors: readonly ErrorObject[],
): { kind: 'oneOf' | 'anyOf'; list: string } | undefined {
  const combinator = COMBINATORS.has(error.keyword)
    ? error
    : errors.find(
        (candidate) =>
          (candidate.keyword === 'oneOf' || candidate.keyword === 'anyOf') &&
          candidate.instancePath === error.instancePath &&
          error.schemaPath.startsWith(`${candidate.schemaPath}/`),
      );
  if (combinator === undefined || (combinator.keyword !== 'oneOf' && combinator.keyword !== 'anyOf'))
    return undefined;
  const branches = combinator.schema as SchemaNode[];
  const required = branches.map((branch) =>
    Array.isArray(branch.required) ? (branch.required as string[]) : [],
  );
  if (required.some((keys) => keys.length === 0)) return undefined;
  const list = [...new Set(required.map((keys) => keys.join(' + ')))].join(', ');
  return { kind: combinator.keyword, list };
}

function segments(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((step) => step.replaceAll('~1', '/').replaceAll('~0', '~'));
}

/** `['interactive', 'action', 'rows', '2']` → `interactive.action.rows[2]`. */
function readablePath(steps: readonly string[]): string {
  let path = '';
  for (const step of steps) {
    if (/^\d+$/.test(step)) path += `[${step}]`;
    else path += path === '' ? step : `.${step}`;
  }
  return path;
}

function name(path: string): string {
  return path === '' ? '(request body)' : path;
}
