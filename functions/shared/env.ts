import { isLocale, type Locale, locales } from './locales';

/**
 * Reads an environment variable the declaration (`infra/environment.ts`) gives a function. Called
 * at module load, so a function deployed without it fails at once, naming what is missing.
 */
export function requireEnv(name: string): string {
  const value = process.env[name];
  if (value === undefined || value === '') {
    throw new Error(
      `Missing environment variable ${name}: the function's declaration must give it`,
    );
  }
  return value;
}

/** An environment variable naming one of the desk's languages. */
export function requireLocale(name: string): Locale {
  const value = requireEnv(name);
  if (!isLocale(value)) {
    throw new Error(
      `Environment variable ${name} is ${value}; it must be one of ${locales.join(', ')}`,
    );
  }
  return value;
}
