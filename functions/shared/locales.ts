/** The languages every customer-facing text exists in. */
export const locales = ['en', 'de', 'el', 'ko', 'zh'] as const;
export type Locale = (typeof locales)[number];

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (locales as readonly string[]).includes(value);
}
