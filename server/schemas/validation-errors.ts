// Ajv errors -> lines a person can act on, one formatter for every place that reports them: the
// API's 400 envelope, scenario files and the mock's options. Each place keeps its own wording
// through the options (how a path is written, what the whole value is called, which details are
// appended), so that one rule change (e.g. how an `anyOf` is worded) reaches all of them.
import type { ValidationError } from './compile.js';

export interface DescribeOptions {
  /** `dots`: `basket.products.0.sum` (the API's field names); `brackets`: `clients[0].containers[1]` (files). */
  path: 'dots' | 'brackets';
  /** What an error about the value itself names: `body`, `scenario`, `options`. */
  root: string;
  /** Put in front of every line (e.g. `querystring `). */
  prefix?: string;
  /** Name a missing required property as the field (`contact.surname must have required property …`). */
  missingPropertyInPath?: boolean;
  /** Details appended in parentheses: the allowed values of an enum, the name of an unknown property. */
  details?: ReadonlyArray<'allowedValues' | 'additionalProperty'>;
}

type Params = { missingProperty?: string; allowedValues?: unknown[]; additionalProperty?: string };

/** `/clients/0/containers/1/private` -> `clients[0].containers[1].private` */
const bracketPath = (pointer: string) =>
  pointer.slice(1).replace(/\/(\d+)(?=\/|$)/g, '[$1]').replaceAll('/', '.').replace(/^(\d+)/, '[$1]');
/** `/basket_info/sum` -> `basket_info.sum` */
const dotPath = (pointer: string) => pointer.slice(1).replaceAll('/', '.');

/**
 * One line per problem, in Ajv's order. The branches of a failed `anyOf` are folded into the
 * `anyOf` line ("dob must match format "date" or must match format "date-time""): Ajv reports
 * each branch and then the `anyOf` itself, which alone says nothing a user can act on.
 */
export function describeValidationErrors(errors: readonly ValidationError[], options: DescribeOptions): string[] {
  const branches = new Map<string, string[]>();
  for (const e of errors) {
    if (e.keyword !== 'anyOf') continue;
    const inside = errors.filter((b) => b !== e && b.schemaPath.startsWith(`${e.schemaPath}/`) && b.message);
    branches.set(e.schemaPath, [...new Set(inside.map((b) => b.message!))]);
  }
  const folded = (e: ValidationError) =>
    [...branches.keys()].some((anyOf) => e.schemaPath.startsWith(`${anyOf}/`));
  const toPath = options.path === 'dots' ? dotPath : bracketPath;
  return errors
    .filter((e) => !folded(e))
    .map((e) => {
      const params = (e.params ?? {}) as Params;
      let field = toPath(e.instancePath);
      if (options.missingPropertyInPath && params.missingProperty) {
        field = field ? `${field}.${params.missingProperty}` : params.missingProperty;
      }
      const message = e.keyword === 'anyOf' && branches.get(e.schemaPath)?.length ? branches.get(e.schemaPath)!.join(' or ') : e.message;
      let detail = '';
      for (const kind of options.details ?? []) {
        if (kind === 'additionalProperty' && params.additionalProperty) detail = ` (${params.additionalProperty})`;
        if (kind === 'allowedValues' && params.allowedValues) detail = ` (${params.allowedValues.join(', ')})`;
        if (detail) break;
      }
      return `${options.prefix ?? ''}${field || options.root} ${message}${detail}`;
    });
}
