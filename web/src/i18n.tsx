// The viewer's language: named by the address (?lang=zh, so that a link can
// be shared in a language); else chosen with the switcher and remembered in
// this browser; else the signed-in user's preferred language; else the
// browser's (negotiateLanguage); else English. Dates and numbers are
// formatted for it with Intl. Chinese comes in simplified characters, or in
// traditional ones for readers who prefer them (zh-Hant: traditional.ts).
import { createContext, type ComponentChildren } from 'preact';
import { useContext, useEffect, useMemo, useState } from 'preact/hooks';
import { type Lang, type LocalizedText, setReaderLanguage } from './api';
import { MESSAGES, type MessageKey } from './messages';
import { loadTraditional, showTraditional } from './traditional';

export const LANGUAGES: Lang[] = ['en', 'zh', 'ru'];
// What a reader can choose: a language, and for Chinese the script.
export type Reading = Lang | 'zh-Hant';
export const READINGS: Reading[] = ['en', 'zh', 'zh-Hant', 'ru'];
const STORAGE_KEY = 'biobridge.lang';
const LOCALES: Record<Reading, string> = { en: 'en-GB', zh: 'zh-CN', 'zh-Hant': 'zh-TW', ru: 'ru-RU' };
// Each language's own name, for the switcher.
export const LANGUAGE_NAMES: Record<Lang, string> = { en: 'English', zh: '中文', ru: 'Русский' };
export const READING_NAMES: Record<Reading, string> = { en: 'English', zh: '中文（简体）', 'zh-Hant': '中文（繁體）', ru: 'Русский' };

export function isLang(value: unknown): value is Lang {
  return typeof value === 'string' && (LANGUAGES as string[]).includes(value);
}

// A language tag as a reading: Chinese in traditional characters for
// zh-Hant, zh-TW, zh-HK and zh-MO (any case), else the language if we have it.
export function readingOf(tag: string | null | undefined): Reading | null {
  if (!tag) return null;
  const lower = tag.toLowerCase();
  if (lower === 'zh-hant' || lower.startsWith('zh-hant-') || /^zh-(tw|hk|mo)$/.test(lower)) return 'zh-Hant';
  const base = lower.split('-')[0];
  return isLang(base) ? base : null;
}

export function storedLanguage(): Reading | null {
  try {
    return readingOf(localStorage.getItem(STORAGE_KEY));
  } catch {
    return null;
  }
}

// Where readers mostly read Russian as their second language (Kazakh, Uzbek,
// Kyrgyz, Tajik, Turkmen, Belarusian, Armenian, Azerbaijani, Georgian,
// Romanian of Moldova): Russian serves them better than English.
const READ_RUSSIAN = new Set(['kk', 'uz', 'ky', 'tg', 'tk', 'be', 'hy', 'az', 'ka']);

// The language for the browser's list of language tags (best first): the
// first we have — Chinese in any script or region — or Russian for the
// first whose readers read Russian; else English.
export function negotiateLanguage(tags: readonly string[]): Reading {
  for (const tag of tags) {
    const lower = tag.toLowerCase();
    const base = lower.split('-')[0];
    const reading = readingOf(lower);
    if (reading) return reading;
    if (READ_RUSSIAN.has(base) || lower === 'ro-md') return 'ru';
  }
  return 'en';
}

function browserLanguage(): Reading {
  return negotiateLanguage(navigator.languages?.length ? navigator.languages : [navigator.language]);
}

// The language the address names (?lang=ru, ?lang=zh-Hant), if any.
function addressLanguage(): Reading | null {
  return readingOf(new URLSearchParams(window.location.search).get('lang'));
}

type Vars = Record<string, string | number>;

function fill(template: string, vars: Vars = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}

export interface I18n {
  lang: Lang;
  // The language and, for Chinese, the script the page is shown in.
  reading: Reading;
  locale: string;
  // Chosen by the viewer (remembered), not only defaulted.
  chosen: boolean;
  setLang(reading: Reading, remember?: boolean): void;
  t(key: MessageKey, vars?: Vars): string;
  plural(key: MessageKey, count: number): string;
  number(value: number): string;
  percent(fraction: number): string;
  // An amount in whole units of an ISO 4217 currency ("$250,000", "250 000 ₽").
  money(amount: number, currency: string): string;
  date(iso: string | undefined): string;
  dateTime(iso: string | undefined): string;
  // A language's name in the viewer's language ("Russian", "俄语", "русский").
  languageName(code: string): string;
  // The variant to show, and its language: the viewer's, else English, else the first.
  pick(text: LocalizedText | undefined): { text: string; language: string };
}

const Context = createContext<I18n | null>(null);

export function I18nProvider(props: { children: ComponentChildren }) {
  const [state, setState] = useState<{ reading: Reading; chosen: boolean }>(() => {
    const named = addressLanguage() ?? storedLanguage();
    return { reading: named ?? browserLanguage(), chosen: named !== null };
  });
  const lang: Lang = state.reading === 'zh-Hant' ? 'zh' : state.reading;

  // Set before the first request of a render in this language, not after it.
  setReaderLanguage(state.reading);
  useEffect(() => {
    document.documentElement.lang = state.reading === 'zh' ? 'zh-Hans' : state.reading;
    if (state.reading !== 'zh-Hant') return;
    let stop: (() => void) | null = null;
    let cancelled = false;
    void loadTraditional().then((convert) => {
      if (!cancelled) stop = showTraditional(document.body, convert);
    });
    return () => {
      cancelled = true;
      stop?.();
    };
  }, [state.reading]);

  const value = useMemo<I18n>(() => {
    const { reading, chosen } = state;
    const messages = MESSAGES[lang];
    const locale = LOCALES[reading];
    const numbers = new Intl.NumberFormat(locale);
    const percents = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 });
    // Dates without a time (expiry dates) are calendar dates: shown as written, whatever the time zone.
    const dates = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' });
    const dateTimes = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
    const plurals = new Intl.PluralRules(locale);
    let names: Intl.DisplayNames | null = null;
    try {
      names = new Intl.DisplayNames([locale], { type: 'language' });
    } catch {
      names = null;
    }
    const parseDate = (iso: string) => new Date(/^\d{4}-\d{2}-\d{2}$/.test(iso) ? `${iso}T00:00:00Z` : iso);
    return {
      lang,
      reading,
      locale,
      chosen,
      setLang(next: Reading, remember = true) {
        if (remember) {
          try {
            localStorage.setItem(STORAGE_KEY, next);
          } catch {
            // private mode: the choice lasts for this page only
          }
          // An address that named another language would contradict the choice when shared.
          const url = new URL(window.location.href);
          if (url.searchParams.has('lang')) {
            url.searchParams.set('lang', next);
            history.replaceState(history.state, '', url);
          }
        }
        setState({ reading: next, chosen: remember || chosen });
      },
      t(key, vars) {
        const message = messages[key];
        return fill(typeof message === 'string' ? message : message.other, vars);
      },
      plural(key, count) {
        const message = messages[key];
        if (typeof message === 'string') return fill(message, { count: numbers.format(count) });
        const form = message[plurals.select(count)] ?? message.other;
        return fill(form, { count: numbers.format(count) });
      },
      number: (value) => numbers.format(value),
      percent: (fraction) => percents.format(fraction),
      money(amount: number, currency: string) {
        try {
          return new Intl.NumberFormat(locale, { style: 'currency', currency, maximumFractionDigits: 0 }).format(amount);
        } catch {
          return `${numbers.format(amount)} ${currency}`;  // a code Intl does not know
        }
      },
      date: (iso) => (iso ? dates.format(parseDate(iso)) : ''),
      dateTime: (iso) => (iso ? dateTimes.format(new Date(iso)) : ''),
      languageName: (code) => names?.of(code) ?? code,
      pick(text) {
        if (!text) return { text: '', language: '' };
        for (const language of [lang, 'en']) {
          const value = text[language];
          if (value) return { text: value, language };
        }
        for (const [language, value] of Object.entries(text)) {
          if (value) return { text: value, language };
        }
        return { text: '', language: '' };
      },
    };
  }, [state]);

  return <Context.Provider value={value}>{props.children}</Context.Provider>;
}

export function useI18n(): I18n {
  const value = useContext(Context);
  if (!value) throw new Error('useI18n outside I18nProvider');
  return value;
}
