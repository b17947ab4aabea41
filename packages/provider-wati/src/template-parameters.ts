import { type Template, ValidationError } from '@switchboard/core';
import { WATI_PROVIDER_ID } from './wati-options.js';

/** WATI's wire form of one template parameter. */
export interface WatiParameter {
  name: string;
  value: string;
}

/** How long a name a refetch did not find is taken as missing before it may trigger another refetch. */
const MISS_REFETCH_INTERVAL_MS = 30_000;

/**
 * The template list WATI needs to name positional parameters, fetched once and reused for
 * `ttlMs`. Concurrent lookups share one fetch; a name missing from the list triggers one refetch
 * (the template may have been created since), and again at most every 30 s while it stays missing.
 */
export class TemplateCache {
  private cached: { templates: Template[]; fetchedAt: number } | undefined;
  private inFlight: Promise<Template[]> | undefined;
  /** Names the last refetch did not find, with when it was done. */
  private readonly missing = new Map<string, number>();

  constructor(
    private readonly fetchAll: () => Promise<Template[]>,
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** The template named `name`, preferring the one in `language`; `undefined` when the account has none. */
  async find(name: string, language: string, signal?: AbortSignal): Promise<Template | undefined> {
    const cached = this.cached;
    if (cached === undefined || this.now() - cached.fetchedAt >= this.ttlMs) {
      this.missing.clear();
      return pick(await abortable(this.load(), signal), name, language);
    }
    const found = pick(cached.templates, name, language);
    if (found !== undefined) return found;
    // A missing name may be a template created since the list was fetched: refetch. A name the
    // refetched list still lacked is not refetched again for a while, so a misspelt name in a send
    // loop does not refetch every page for every message (WATI plans have monthly API quotas).
    const missingSince = this.missing.get(name);
    if (missingSince !== undefined && this.now() - missingSince < MISS_REFETCH_INTERVAL_MS) return undefined;
    const refetched = pick(await abortable(this.load(), signal), name, language);
    if (refetched === undefined) this.missing.set(name, this.now());
    else this.missing.delete(name);
    return refetched;
  }

  /** Forgets the cached list. */
  clear(): void {
    this.cached = undefined;
    this.missing.clear();
  }

  private load(): Promise<Template[]> {
    // No caller's signal reaches the shared fetch: one caller giving up must not fail the others.
    this.inFlight ??= this.fetchAll()
      .then((templates) => {
        this.cached = { templates, fetchedAt: this.now() };
        return templates;
      })
      .finally(() => {
        this.inFlight = undefined;
      });
    return this.inFlight;
  }
}

function pick(templates: readonly Template[], name: string, language: string): Template | undefined {
  const named = templates.filter((template) => template.name === name);
  const base = language.split('_')[0];
  return (
    named.find((template) => template.language === language) ??
    named.find((template) => template.language.split('_')[0] === base) ??
    named[0]
  );
}

function abortable<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (signal === undefined) return promise;
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

/** Neutral template parameters: positional (`['Ada', '42']`) or named (`{ name: 'Ada' }`). */
export type NeutralParameters = readonly string[] | Readonly<Record<string, string>> | undefined;

/** Where the parameters came from, for error messages and field paths. */
export interface ParameterSource {
  template: { name: string; language: string };
  /** Field path of the parameters, e.g. `template.parameters` or `recipients.3.parameters`. */
  path: string;
}

function invalid(message: string, path: string): ValidationError {
  return new ValidationError(message, { provider: WATI_PROVIDER_ID, issues: [{ path, message }] });
}

/** True when parameters need the template's names: a non-empty positional list. */
export function needsTemplateNames(parameters: NeutralParameters): boolean {
  return Array.isArray(parameters) && parameters.length > 0;
}

/**
 * WATI takes template parameters by name (`[{ name, value }]`). Named parameters map directly;
 * positional ones take the template's own parameter names in order, from `template` (looked up in
 * the account's template list by the caller).
 *
 * @throws {ValidationError} when positional parameters cannot be named: the template is not in the
 *   list, or the counts differ.
 */
export function toWatiParameters(
  parameters: NeutralParameters,
  template: Template | undefined,
  source: ParameterSource,
): WatiParameter[] {
  if (parameters === undefined) return [];
  if (!Array.isArray(parameters)) {
    return Object.entries(parameters as Readonly<Record<string, string>>).map(([name, value]) => ({
      name,
      value,
    }));
  }
  const values = parameters as readonly string[];
  if (values.length === 0) return [];
  const label = `"${source.template.name}" (${source.template.language})`;
  if (template === undefined) {
    throw invalid(
      `Template ${label} is not in this WATI account's template list, so its ${values.length} positional parameter(s) cannot be given the names WATI needs: check the template name, or pass the parameters by name ({ name: value }, as the template's {{name}} placeholders are written in WATI)`,
      source.path,
    );
  }
  const names = template.parameterNames;
  if (names.length !== values.length) {
    const expected = names.length === 0 ? 'no parameters' : `${names.length} (${names.join(', ')})`;
    throw invalid(
      `Template ${label} takes ${expected} but ${values.length} positional parameter(s) were given: pass one value per parameter in this order, or pass them by name`,
      source.path,
    );
  }
  return values.map((value, index) => ({ name: names[index] as string, value }));
}
