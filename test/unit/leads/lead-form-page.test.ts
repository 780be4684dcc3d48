import { describe, expect, it } from 'vitest';
import {
  countryOptions,
  leadFormPage,
  thanksPage,
} from '../../../functions/leads/pages/lead-form-page';
import { type LeadFormText, leadFormText } from '../../../functions/leads/pages/lead-form-text';
import { leadFields } from '../../../functions/leads/rules/lead';
import { pageLocale } from '../../../functions/shared/http/locale';
import { locales } from '../../../functions/shared/locales';

/** Every leaf text of a translation, by dotted path. */
function leaves(value: unknown, prefix = ''): Map<string, string> {
  const found = new Map<string, string>();
  if (typeof value === 'string') found.set(prefix, value);
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      for (const [path, text] of leaves(v, prefix ? `${prefix}.${k}` : k)) found.set(path, text);
    }
  }
  return found;
}

const view = { basePath: '', formToken: 'v1.token' };

describe('lead form texts', () => {
  const english = leaves(leadFormText.en);

  it('exist in every language, with the same keys, none empty', () => {
    for (const locale of locales) {
      const texts = leaves(leadFormText[locale]);
      expect([...texts.keys()].sort(), locale).toEqual([...english.keys()].sort());
      for (const [path, text] of texts) expect(text.trim(), `${locale}.${path}`).not.toBe('');
    }
  });

  it('are translated: no text of another language equals the English one', () => {
    for (const locale of locales.filter((l) => l !== 'en')) {
      for (const [path, text] of leaves(leadFormText[locale])) {
        expect(text, `${locale}.${path}`).not.toBe(english.get(path));
      }
    }
  });
});

describe('lead form page', () => {
  it.each(locales)('renders in %s, every text of the form in that language', (locale) => {
    const page = leadFormPage({ ...view, locale });
    const t: LeadFormText = leadFormText[locale];
    expect(page).toContain(`<html lang="${locale}">`);
    for (const text of [t.pageTitle, t.submit, t.chooseCountry, t.phoneHint, t.interestHint]) {
      expect(page).toContain(text);
    }
    for (const field of leadFields)
      expect(page).toContain(`<label for="${field}">${t.labels[field]}`);
  });

  it('has a labelled control for every field, posting to /leads with the token', () => {
    const page = leadFormPage({ ...view, locale: 'en', basePath: '/prod' });
    expect(page).toContain('<form method="post" action="/prod/leads" accept-charset="UTF-8">');
    expect(page).toContain('<input type="hidden" name="formToken" value="v1.token">');
    for (const field of leadFields)
      expect(page).toMatch(new RegExp(`id="${field}" name="${field}"`));
    expect(page).toMatch(
      /id="email" name="email" required[^>]*autocomplete="email"[^>]*type="email"/,
    );
    expect(page).toMatch(/id="name" name="name" required autocomplete="name"/);
    expect(page).toMatch(/id="company" name="company" autocomplete="organization"/);
    expect(page).toMatch(
      /id="phone" name="phone" aria-describedby="phone-hint" autocomplete="tel"/,
    );
  });

  it('runs no script', () => {
    expect(leadFormPage({ ...view, locale: 'en' })).not.toMatch(/<script|\son\w+=/i);
  });

  it('shows each problem next to its field, linked by aria-describedby, and in a summary', () => {
    const page = leadFormPage({
      ...view,
      locale: 'de',
      values: { name: '', email: 'nope' },
      problems: [
        { field: 'name', problem: 'required' },
        { field: 'email', problem: 'invalid-email' },
      ],
    });
    expect(page).toContain('<p class="error" id="email-error">Bitte geben Sie eine E-Mail-Adresse');
    expect(page).toMatch(
      /id="email" name="email" required aria-describedby="email-error" aria-invalid="true"/,
    );
    expect(page).toMatch(
      /id="name" name="name" required aria-describedby="name-error" aria-invalid="true"/,
    );
    expect(page).toContain('role="alert"');
    expect(page).toContain('<a href="#email">E-Mail-Adresse: Bitte geben Sie');
    expect(page).not.toMatch(/id="country"[^>]*aria-invalid/);
  });

  it('gives the limit in a too-long message', () => {
    const page = leadFormPage({
      ...view,
      locale: 'ko',
      problems: [{ field: 'name', problem: 'too-long', limit: 200 }],
    });
    expect(page).toContain('200자 이내로 입력하세요.');
  });

  it('keeps what was typed, escaped', () => {
    const page = leadFormPage({
      ...view,
      locale: 'en',
      values: {
        name: '"><script>alert(1)</script>',
        message: '</textarea><img src=x>',
        country: 'gr',
      },
    });
    expect(page).not.toContain('<script>alert');
    expect(page).not.toContain('<img');
    expect(page).toContain('value="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"');
    expect(page).toContain('&lt;/textarea&gt;&lt;img src&#61;x&gt;</textarea>');
    expect(page).toContain('<option value="GR" selected>Greece</option>');
  });

  it('preselects the page language as the preferred language', () => {
    expect(leadFormPage({ ...view, locale: 'el' })).toContain(
      '<option value="el" lang="el" selected>Ελληνικά</option>',
    );
  });

  it('shows a form-level problem', () => {
    const page = leadFormPage({ ...view, locale: 'zh', formProblem: 'form-expired' });
    expect(page).toContain(leadFormText.zh.problems['form-expired']);
  });

  it('names countries in the page language', () => {
    const names = (locale: 'en' | 'de' | 'el' | 'ko' | 'zh') =>
      new Map(countryOptions(locale)).get('DE');
    expect([names('en'), names('de'), names('el'), names('ko'), names('zh')]).toEqual([
      'Germany',
      'Deutschland',
      'Γερμανία',
      '독일',
      '德国',
    ]);
    expect(countryOptions('en')).toHaveLength(249);
  });

  it('thanks the prospect in their language', () => {
    const page = thanksPage('el', '');
    expect(page).toContain(leadFormText.el.thanksTitle);
    expect(page).toContain('<a href="/forms/lead?lang=el">');
  });
});

describe('page language', () => {
  it('follows ?lang= first', () => {
    expect(pageLocale('ko', 'de', 'en')).toBe('ko');
    expect(pageLocale('ZH', undefined, 'en')).toBe('zh');
  });

  it('then the browser, by weight, regional variants included', () => {
    expect(pageLocale(undefined, 'fr-FR,fr;q=0.9,el-GR;q=0.8,de;q=0.7', 'en')).toBe('el');
    expect(pageLocale(undefined, 'de;q=0.5, ko;q=0.9', 'en')).toBe('ko');
    expect(pageLocale('fr', 'zh-Hant-TW', 'en')).toBe('zh');
  });

  it('then the default', () => {
    expect(pageLocale(undefined, undefined, 'de')).toBe('de');
    expect(pageLocale('xx', 'fr, ja;q=0.8, de;q=0', 'el')).toBe('el');
  });
});
