// request.log without a pino child per request. Fastify makes one for every request even with
// request logging off; at the default level almost no request logs, so the child is made on the
// first call that does (about a microsecond per GET saved). Used only while request logging is off.
import type { FastifyBaseLogger } from 'fastify';

type Bindings = Parameters<FastifyBaseLogger['child']>[0];
type ChildLoggerOptions = NonNullable<Parameters<FastifyBaseLogger['child']>[1]>;

class LazyChildLogger {
  #child: FastifyBaseLogger | undefined;

  constructor(
    private readonly parent: FastifyBaseLogger,
    private readonly bindings: Bindings,
    private readonly options: ChildLoggerOptions,
  ) {}

  get #real(): FastifyBaseLogger {
    return (this.#child ??= this.parent.child(this.bindings, this.options));
  }

  get level(): string {
    return this.#child?.level ?? this.options.level ?? this.parent.level;
  }

  set level(level: string) {
    this.#real.level = level;
  }

  fatal(...args: Parameters<FastifyBaseLogger['fatal']>): void {
    this.#real.fatal(...args);
  }

  error(...args: Parameters<FastifyBaseLogger['error']>): void {
    this.#real.error(...args);
  }

  warn(...args: Parameters<FastifyBaseLogger['warn']>): void {
    this.#real.warn(...args);
  }

  info(...args: Parameters<FastifyBaseLogger['info']>): void {
    this.#real.info(...args);
  }

  debug(...args: Parameters<FastifyBaseLogger['debug']>): void {
    this.#real.debug(...args);
  }

  trace(...args: Parameters<FastifyBaseLogger['trace']>): void {
    this.#real.trace(...args);
  }

  silent(...args: Parameters<FastifyBaseLogger['silent']>): void {
    this.#real.silent(...args);
  }

  child(bindings: Bindings, options?: ChildLoggerOptions): FastifyBaseLogger {
    return this.#real.child(bindings, options);
  }
}

/** Fastify's `childLoggerFactory` option. */
export const lazyChildLogger = (logger: FastifyBaseLogger, bindings: Bindings, options: ChildLoggerOptions): FastifyBaseLogger =>
  new LazyChildLogger(logger, bindings, options);
