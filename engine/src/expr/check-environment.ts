/**
 * The checker's view of a template: a cel-js Environment whose `data`, `params` and `event` are
 * typed from their JSON Schemas, so CEL's own checker finds type errors such as `data.name >= 3`.
 * Unknown names and fields are found before this by `checkNames`, with friendlier messages.
 */
import { Environment } from '@marcbachmann/cel-js';
import { registerNumericOverloads } from './numeric-overloads.js';
import { EXPR_LIMITS } from './expr-limits.js';
import type { CelBuiltins } from './expr-problem.js';
import { declaredFields } from './expr-scope.js';
import type { ExprScope, FieldSchema } from './expr-scope.js';

/** CEL's name for the type of `now`. */
export const TIMESTAMP_TYPE = 'google.protobuf.Timestamp';

// Mixed lists such as `[data.age, 1.5]` are ordinary to a designer; CEL would want dyn(...) around each.
// The depth limit is the evaluator's (`EXPR_LIMITS.depth`): what validates also parses at run time.
const OPTIONS = {
  homogeneousAggregateLiterals: false,
  limits: { maxDepth: EXPR_LIMITS.depth },
} as const;

let base: Environment | undefined;

/** The shared parent: standard library plus mixed arithmetic. Frozen once cloned, never mutated. */
export function checkBaseEnvironment(): Environment {
  base ??= registerNumericOverloads(new Environment(OPTIONS));
  return base;
}

let builtins: CelBuiltins | undefined;

/** Top-level names and global functions of the standard library (not our variables). */
export function celBuiltins(): CelBuiltins {
  if (!builtins) {
    const { variables, functions } = checkBaseEnvironment().getDefinitions();
    builtins = {
      names: new Set(variables.map((v) => v.name)),
      functions: new Set(functions.filter((f) => !f.receiverType).map((f) => f.name)),
    };
  }
  return builtins;
}

// Building a typed environment costs far more than checking one expression with it, and a template's
// expressions share a handful of scopes, so environments are kept per schema identity. Weak keys: a
// template's schemas are plain parsed values that die with it. Ledgers are not part of the key:
// they are checked by name (`checkNames`), the environment types `ledger` the same for every scope.
const environments = new WeakMap<FieldSchema, WeakMap<FieldSchema, WeakMap<object, Environment>>>();
const NO_EVENT = {};

/**
 * The environment for `scope`, shared by every scope with the same `data`, `params` and `event`
 * schema objects; the schemas must not be changed in place after a check.
 */
export function checkEnvironmentFor(scope: ExprScope): Environment {
  if (
    !isKey(scope.data) ||
    !isKey(scope.params) ||
    !(scope.event === undefined || isKey(scope.event))
  )
    return createCheckEnvironment(scope);
  let byParams = environments.get(scope.data);
  if (!byParams) environments.set(scope.data, (byParams = new WeakMap()));
  let byEvent = byParams.get(scope.params);
  if (!byEvent) byParams.set(scope.params, (byEvent = new WeakMap()));
  const eventKey = scope.event ?? NO_EVENT;
  let env = byEvent.get(eventKey);
  if (!env) byEvent.set(eventKey, (env = createCheckEnvironment(scope)));
  return env;
}

function isKey(value: unknown): value is object {
  return typeof value === 'object' && value !== null;
}

/** A fresh environment declaring `data`, `params`, `event`, `ledger` and `now` for one scope. */
export function createCheckEnvironment(scope: ExprScope): Environment {
  const env = checkBaseEnvironment().clone(OPTIONS);
  const types = new SchemaTypes(env);
  env.registerVariable('data', types.of(scope.data, '$data'));
  env.registerVariable('params', types.of(scope.params, '$params'));
  env.registerVariable('event', scope.event ? types.of(scope.event, '$event') : 'map<string, dyn>');
  env.registerVariable('ledger', 'map<string, double>');
  env.registerVariable('now', TIMESTAMP_TYPE);
  return env;
}

const SCALARS: Record<string, string> = {
  integer: 'int',
  number: 'double',
  string: 'string',
  boolean: 'bool',
};

/** JSON Schema → CEL type strings, registering one message type per closed object schema. */
class SchemaTypes {
  private readonly used = new Set<string>();
  constructor(private readonly env: Environment) {}

  of(schema: FieldSchema | undefined, name: string): string {
    if (schema === undefined || schema === null || typeof schema !== 'object') return 'dyn';
    const fromEnum = enumType(schema.enum);
    if (fromEnum) return fromEnum;
    const type = singleType(schema);
    if (type === undefined) return 'dyn';
    if (type === 'array') return `list<${this.of(schema.items, `${name}.$item`)}>`;
    if (type !== 'object') return SCALARS[type] ?? 'dyn';
    const fields = declaredFields(schema);
    if (fields === undefined) return 'map<string, dyn>';
    const typeName = this.unique(name);
    const celFields: Record<string, string> = {};
    for (const [key, sub] of Object.entries(fields))
      celFields[key] = this.of(sub, `${typeName}.${key.replace(/[^A-Za-z0-9_]/g, '_')}`);
    this.env.registerType(typeName, { fields: celFields });
    return typeName;
  }

  private unique(name: string): string {
    let candidate = name;
    for (let i = 2; this.used.has(candidate); i++) candidate = `${name}_${i}`;
    this.used.add(candidate);
    return candidate;
  }
}

/** One JSON type, ignoring `null`; undefined when the schema allows several (then CEL sees dyn). */
function singleType(schema: FieldSchema): string | undefined {
  const { type } = schema;
  if (typeof type === 'string') return type === 'null' ? undefined : type;
  if (Array.isArray(type)) return undefined; // nullable or a union: the value may be either, so dyn
  return schema.properties !== undefined ? 'object' : undefined;
}

function enumType(values: unknown[] | undefined): string | undefined {
  if (!Array.isArray(values) || values.length === 0) return undefined;
  if (values.every((v) => typeof v === 'string')) return 'string';
  if (values.every((v) => typeof v === 'boolean')) return 'bool';
  return undefined;
}
