// The routes' request validators (ajv) and response serializers (fast-json-stringify), compiled once per
// process. Compiling them is most of what building the app costs (about 0.6 of 0.8 s), and an app built
// again in the same process (the test suite builds hundreds, one file after another in each worker)
// compiled every schema again: routes write their schemas inline, so each build has new objects with
// the same content. Kept by content, then: what a schema says in JSON is all ajv and fast-json-stringify
// read of it (TypeBox's own marks are symbols). One app, as in production, compiles exactly as Fastify
// would: these are Fastify's own compilers, kept.
//
// Fastify counts compilers given this way as custom, and then compiles header schemas as written rather
// than lower-casing their keys first: ours are written in lower case.
import { AjvCompiler } from '@fastify/ajv-compiler';
import { SerializerSelector } from '@fastify/fast-json-stringify-compiler';

const pooledValidators = AjvCompiler();
const selectSerializer = SerializerSelector();

/** Compiled functions by the factory's options, then by what the schema says. */
const compiled = new Map<string, Map<string, unknown>>();

function kept<T>(options: unknown, schema: unknown, compile: () => T): T {
  const optionsKey = JSON.stringify(options);
  const byOptions = compiled.get(optionsKey) ?? new Map<string, unknown>();
  compiled.set(optionsKey, byOptions);
  const schemaKey = JSON.stringify(schema);
  const found = byOptions.get(schemaKey) as T | undefined;
  if (found) return found;
  const made = compile();
  byOptions.set(schemaKey, made);
  return made;
}

const buildValidator: typeof pooledValidators = (externalSchemas, options) => {
  const compile = pooledValidators(externalSchemas, options);
  return (route) =>
    kept(['validator', externalSchemas, options, route.httpPart], route.schema, () => compile(route));
};

const buildSerializer: ReturnType<typeof SerializerSelector> = (externalSchemas, options) => {
  const compile = selectSerializer(externalSchemas, options);
  return (route) => kept(['serializer', externalSchemas, options], route.schema, () => compile(route));
};

export const sharedSchemaCompilers = { buildValidator, buildSerializer };
