import ajvCompiler from '@fastify/ajv-compiler';

type BuildValidator = ReturnType<typeof ajvCompiler>;
type RouteSchema = Parameters<ReturnType<BuildValidator>>[0];
type AjvOptions = { customOptions?: Record<string, unknown> } & Record<string, unknown>;
type Validator = ((data: unknown, ctx?: unknown) => unknown) & { errors?: unknown; schemaEnv?: unknown };

/**
 * Fastify's own validator compiler (Ajv, with the options Fastify gives it), compiling each
 * route's schema at the route's first request instead of at start: the newsroom's hundred-odd
 * routes were a sixth of the CPU of a cold start, and most of them are never asked of a given
 * process (a reader-facing instance never sees the newsroom's forms). A schema that cannot
 * compile fails on that route's first request instead, so `lazyValidators.compileAll` (the
 * tests) compiles every one.
 *
 * Nor are the schemas checked against JSON Schema's meta-schema when a route compiles (Ajv's
 * `validateSchema: false`): Ajv compiles the meta-schema itself for that, 40 ms of CPU at the
 * first request of every start. They are fixed in the code, so `compileAll` checks them instead.
 */
export function lazyValidators(): BuildValidator & { compileAll(): void; pending(): number } {
  const real = ajvCompiler() as unknown as (e: unknown, o: AjvOptions) => (def: RouteSchema) => Validator;
  const pending = new Set<() => unknown>();
  /** Every route's schema, checked against the meta-schema by compileAll. */
  const checks: (() => unknown)[] = [];
  const build = ((externalSchemas: unknown, options: AjvOptions) => {
    const compile = real(externalSchemas, { ...options, customOptions: { ...options.customOptions, validateSchema: false } });
    return (def: RouteSchema) => {
      checks.push(() => real(externalSchemas, options)(def));
      let fn: Validator | undefined;
      const compiled = () => {
        pending.delete(compiled);
        return (fn ??= compile(def));
      };
      pending.add(compiled);
      const lazy = ((data: unknown, ctx?: unknown) => compiled()(data, ctx)) as Validator;
      // Fastify reads these of the validator itself: whether Ajv may replace the root value, and the errors.
      Object.defineProperty(lazy, 'schemaEnv', { get: () => compiled().schemaEnv });
      Object.defineProperty(lazy, 'errors', { get: () => compiled().errors });
      return lazy;
    };
  }) as unknown as BuildValidator;
  return Object.assign(build, {
    compileAll: () => {
      for (const c of [...pending]) c();
      for (const check of checks) check();
    },
    pending: () => pending.size,
  });
}
