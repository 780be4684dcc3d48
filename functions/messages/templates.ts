import Handlebars from 'handlebars';
import type { Locale } from '../shared/locales';
import { subjectLine } from './ses';
import type { EmailContent } from './store/outbox-store';

/**
 * Turns a message's translated texts into an email. Each text is a Handlebars template compiled
 * twice: escaping for the HTML part (a name holding `<script>` stays text), raw for the plain
 * text part and the subject. `strict` makes a missing value fail instead of vanishing.
 */

const handlebars = Handlebars.create();

export type Texts<K extends string> = Record<K, string>;

interface Compiled {
  html: HandlebarsTemplateDelegate;
  text: HandlebarsTemplateDelegate;
}

export interface MessageTemplate {
  render(locale: Locale, values: Record<string, string>): EmailContent;
}

/**
 * A message whose subject is `subject` and whose body is `paragraphs`: each entry a list of text
 * keys printed as lines of one paragraph.
 */
export function messageTemplate<K extends string>(
  texts: Record<Locale, Texts<K>>,
  subject: K,
  paragraphs: readonly (readonly K[])[],
): MessageTemplate {
  const compiled = new Map<Locale, Record<K, Compiled>>();
  for (const [locale, localeTexts] of Object.entries(texts) as [Locale, Texts<K>][]) {
    const byKey = {} as Record<K, Compiled>;
    for (const [key, source] of Object.entries(localeTexts) as [K, string][]) {
      byKey[key] = {
        html: handlebars.compile(source, { strict: true }),
        text: handlebars.compile(source, { strict: true, noEscape: true }),
      };
    }
    compiled.set(locale, byKey);
  }

  return {
    render(locale, values) {
      const t = compiled.get(locale);
      if (!t) throw new Error(`No texts in ${locale}`);
      const subjectText = subjectLine(t[subject].text(values));
      const htmlParagraphs = paragraphs
        .map((lines) => `<p>${lines.map((k) => t[k].html(values)).join('<br>\n')}</p>`)
        .join('\n');
      const text = paragraphs
        .map((lines) => lines.map((k) => t[k].text(values)).join('\n'))
        .join('\n\n');
      const html =
        `<!doctype html>\n<html lang="${locale}">\n<head><meta charset="utf-8">` +
        `<title>${handlebars.escapeExpression(subjectText)}</title></head>\n` +
        `<body>\n${htmlParagraphs}\n</body>\n</html>\n`;
      return { subjectLine: subjectText, html, text: `${text}\n` };
    },
  };
}
