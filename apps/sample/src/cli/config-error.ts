/** Loading the configuration failed; printed with `formatConfigError`, exit code 2. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';

  constructor(readonly reason: unknown) {
    super('Invalid configuration', { cause: reason });
  }

  /** True for a {@link ConfigError}. */
  static isConfigError(error: unknown): error is ConfigError {
    return error instanceof ConfigError;
  }
}
