import { isLocale, type Locale } from '../locales';

/**
 * The language of a page: `?lang=` if it names one we have, else the best of the browser's
 * `Accept-Language` (by weight, `de-AT` counting as `de`), else the desk's default.
 */
export function pageLocale(
  lang: string | undefined,
  acceptLanguage: string | undefined,
  fallback: Locale,
): Locale {
  const asked = lang?.trim().toLowerCase();
  if (isLocale(asked)) return asked;
  const ranked = (acceptLanguage ?? '')
    .split(',')
    .map((part, order) => {
      const [range = '', ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      const weight = q ? Number(q.slice(2)) : 1;
      return { primary: range.trim().toLowerCase().split('-')[0] ?? '', weight, order };
    })
    .filter((r) => Number.isFinite(r.weight) && r.weight > 0)
    .sort((a, b) => b.weight - a.weight || a.order - b.order);
  for (const r of ranked) if (isLocale(r.primary)) return r.primary;
  return fallback;
}
