// The knowledge base as the citizen pages see it: article types, a search that waits for the reader
// to stop typing and never shows an older answer over a newer one, and text shown in the reader's
// language or, failing that, marked with the language it is in.
import { useEffect, useRef, useState } from 'react';
import { api, type I18nText } from '../api.ts';

export type ArticleKind = 'scheme' | 'service' | 'faq';

export interface ArticleSummary {
  id: number;
  code: string;
  kind: ArticleKind;
  department: { id: number; code: string; name: I18nText } | null;
  title: I18nText;
  summary: I18nText;
  shortAnswer: I18nText;
  tags: string[];
  published: boolean;
  updatedAt: string;
}

export interface Article extends ArticleSummary {
  eligibility: I18nText;
  benefits: I18nText;
  howToApply: I18nText;
  documents: Record<string, string[]>;
  officialLink: string | null;
}

export interface ArticleList {
  items: ArticleSummary[];
  total: number;
}

/** The reader's language if the text has it, else English, else whatever it has. */
export function languageOf<T>(text: Record<string, T> | undefined, language: string): string | undefined {
  if (!text) return undefined;
  if (text[language] !== undefined) return language;
  if (text.en !== undefined) return 'en';
  return Object.keys(text)[0];
}

/**
 * Text in the reader's language; when it is shown in another (not yet translated), the element says
 * which, so a screen reader pronounces it right (WCAG 3.1.2).
 */
export function Localized({
  text,
  language,
  as: Tag = 'span',
  className,
  id,
}: {
  text: I18nText | undefined;
  language: string;
  as?: 'span' | 'p' | 'h1' | 'h2' | 'h3' | 'div';
  className?: string;
  id?: string;
}) {
  const shown = languageOf(text, language);
  if (!text || !shown) return null;
  return (
    <Tag lang={shown === language ? undefined : shown} className={className} id={id}>
      {text[shown]}
    </Tag>
  );
}

/**
 * Articles for `query` (a query string for GET /api/knowledge, or null for none), fetched once the
 * query has stayed the same for `delayMs`. Answers arriving out of order are dropped.
 */
export function useArticles(query: string | null, delayMs = 300) {
  const [result, setResult] = useState<ArticleList | null>(null);
  const [error, setError] = useState<unknown>(null);
  const latest = useRef(0);
  useEffect(() => {
    const ticket = ++latest.current;
    if (query === null) {
      setResult(null);
      return;
    }
    const timer = setTimeout(() => {
      api<ArticleList>('GET', `/api/knowledge?${query}`).then(
        (r) => {
          if (ticket !== latest.current) return;
          setError(null);
          setResult(r);
        },
        (e) => ticket === latest.current && setError(e),
      );
    }, delayMs);
    return () => clearTimeout(timer);
  }, [query, delayMs]);
  return { result, error };
}
