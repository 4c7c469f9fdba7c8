// The auditor's screen (/audit): the chain's verification state first (is the log intact, how far is it
// sealed, what waits unsealed), then the log itself, searched and paged: who did what to which object,
// when, from which address and why. Every search and every verification is itself recorded.
import { useCallback, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Pager } from '../admin/Pager.tsx';
import { api } from '../api.ts';
import { ErrorMessage } from '../ErrorMessage.tsx';

interface Entry {
  id: number;
  at: string;
  actorKind: string;
  actorId: number | null;
  actorName: string | null;
  ip: string | null;
  action: string;
  entity: string | null;
  entityId: string | null;
  reason: string | null;
  data: unknown;
  seq: number | null;
}

interface Chain {
  checkedAt: string;
  ok: boolean;
  intervalSeconds: number;
  graceSeconds: number;
  sealed: number;
  head: { id: number; seq: number; at: string; sealedAt: string | null; hash: string } | null;
  broken: {
    count: number;
    items: { id: number; seq: number | null; kind: 'missing' | 'link' | 'content' }[];
  };
  unsealed: { count: number; oldestAt: string | null; late: { count: number; ids: number[] } };
}

const ACTOR_KINDS = ['staff', 'api', 'citizen', 'public', 'system'] as const;
const LIMIT = 25;

/** Times in the reader's language, on a 24-hour clock (no "pm" in Hindi or Swahili). */
function useTime() {
  const { i18n } = useTranslation();
  const format = new Intl.DateTimeFormat(i18n.language, {
    dateStyle: 'medium',
    timeStyle: 'medium',
    hourCycle: 'h23',
  });
  return (iso: string) => format.format(new Date(iso));
}

export function AuditLog() {
  const { t } = useTranslation();
  return (
    <>
      <h1>{t('audit.title')}</h1>
      <ChainState />
      <Search />
    </>
  );
}

function ChainState() {
  const { t, i18n } = useTranslation();
  const time = useTime();
  const [chain, setChain] = useState<Chain | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [checking, setChecking] = useState(false);
  const n = new Intl.NumberFormat(i18n.language);
  const verify = useCallback(async () => {
    setChecking(true);
    setError(null);
    try {
      setChain(await api<Chain>('GET', '/api/audit/chain'));
    } catch (err) {
      setError(err);
    } finally {
      setChecking(false);
    }
  }, []);
  useEffect(() => {
    void verify();
  }, [verify]);

  return (
    <section aria-labelledby="chain-title">
      <h2 id="chain-title">{t('audit.chain.title')}</h2>
      <div role="status" aria-busy={checking}>
        {checking && !chain && <p>{t('audit.chain.checking')}</p>}
        {chain && (
          <>
            <p className={chain.broken.count ? 'error' : undefined} data-testid="chain-verdict">
              <strong>
                {chain.broken.count
                  ? t('audit.chain.broken', { count: chain.broken.count, n: n.format(chain.broken.count) })
                  : t('audit.chain.intact', { count: chain.sealed, n: n.format(chain.sealed) })}
              </strong>
            </p>
            {chain.head ? (
              <p>
                {t('audit.chain.head', {
                  seq: n.format(chain.head.seq),
                  at: time(chain.head.sealedAt ?? chain.head.at),
                })}{' '}
                <span className="hint">
                  {t('audit.chain.hash')} <code>{chain.head.hash.slice(0, 16)}…</code>
                </span>
              </p>
            ) : (
              <p>{t('audit.chain.empty')}</p>
            )}
            {chain.broken.items.length > 0 && (
              <ul>
                {chain.broken.items.map((b) => (
                  <li key={`${b.id}-${b.kind}`}>
                    {t('audit.chain.brokenRow', {
                      id: b.id,
                      seq: b.seq ?? '-',
                      problem: t(`audit.chain.kind.${b.kind}`),
                    })}
                  </li>
                ))}
              </ul>
            )}
            <p>
              {t('audit.chain.waiting', {
                count: chain.unsealed.count,
                n: n.format(chain.unsealed.count),
                seconds: chain.intervalSeconds,
              })}
            </p>
            {chain.unsealed.late.count > 0 && (
              <p className="error">
                {t('audit.chain.late', {
                  count: chain.unsealed.late.count,
                  n: n.format(chain.unsealed.late.count),
                  seconds: chain.graceSeconds,
                  ids: chain.unsealed.late.ids.slice(0, 10).join(', '),
                })}
              </p>
            )}
            <p className="hint">
              {t('audit.chain.window', { seconds: chain.intervalSeconds })}{' '}
              {t('audit.chain.checkedAt', { at: time(chain.checkedAt) })}
            </p>
          </>
        )}
      </div>
      <ErrorMessage error={error} />
      <button type="button" className="secondary" onClick={verify} disabled={checking}>
        {t('audit.chain.verify')}
      </button>
    </section>
  );
}

interface Filter {
  q: string;
  action: string;
  actorKind: string;
  from: string;
  to: string;
}

function Search() {
  const { t, i18n } = useTranslation();
  const time = useTime();
  const id = useId();
  const [form, setForm] = useState<Filter>({ q: '', action: '', actorKind: '', from: '', to: '' });
  const [filter, setFilter] = useState<Filter>(form);
  const [offset, setOffset] = useState(0);
  const [page, setPage] = useState<{ items: Entry[]; total: number } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const n = new Intl.NumberFormat(i18n.language);

  useEffect(() => {
    const query = new URLSearchParams({ limit: String(LIMIT), offset: String(offset) });
    if (filter.q.trim()) query.set('q', filter.q.trim());
    if (filter.action.trim()) query.set('action', filter.action.trim());
    if (filter.actorKind) query.set('actorKind', filter.actorKind);
    // Dates are the reader's days: from the start of the first to the end of the last.
    if (filter.from) query.set('from', new Date(`${filter.from}T00:00:00`).toISOString());
    if (filter.to)
      query.set('to', new Date(new Date(`${filter.to}T00:00:00`).getTime() + 86_400_000).toISOString());
    let current = true;
    setError(null);
    api<{ items: Entry[]; total: number }>('GET', `/api/audit?${query}`).then(
      (result) => current && setPage(result),
      (err) => current && setError(err),
    );
    return () => {
      current = false;
    };
  }, [filter, offset]);

  const set = (key: keyof Filter) => (e: React.ChangeEvent<HTMLInputElement | HTMLSelectElement>) =>
    setForm({ ...form, [key]: e.target.value });
  const who = (e: Entry) =>
    e.actorName ??
    `${t(`audit.actor.${e.actorKind}`, { defaultValue: e.actorKind })}${e.actorId ? ` #${e.actorId}` : ''}`;

  return (
    <section aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('audit.search.title')}</h2>
      <form
        aria-label={t('audit.search.title')}
        onSubmit={(e) => {
          e.preventDefault();
          setOffset(0);
          setFilter(form);
        }}
      >
        <label htmlFor={`${id}-q`}>{t('audit.search.words')}</label>
        <input
          id={`${id}-q`}
          type="search"
          maxLength={200}
          value={form.q}
          onChange={set('q')}
          aria-describedby={`${id}-q-hint`}
        />
        <p id={`${id}-q-hint`} className="hint">
          {t('audit.search.wordsHint')}
        </p>
        <label htmlFor={`${id}-action`}>{t('audit.search.action')}</label>
        <input
          id={`${id}-action`}
          maxLength={100}
          value={form.action}
          onChange={set('action')}
          aria-describedby={`${id}-action-hint`}
        />
        <p id={`${id}-action-hint`} className="hint">
          {t('audit.search.actionHint')}
        </p>
        <label htmlFor={`${id}-kind`}>{t('audit.search.who')}</label>
        <select id={`${id}-kind`} value={form.actorKind} onChange={set('actorKind')}>
          <option value="">{t('audit.search.anyone')}</option>
          {ACTOR_KINDS.map((kind) => (
            <option key={kind} value={kind}>
              {t(`audit.actor.${kind}`)}
            </option>
          ))}
        </select>
        <label htmlFor={`${id}-from`}>{t('audit.search.from')}</label>
        <input id={`${id}-from`} type="date" value={form.from} onChange={set('from')} />
        <label htmlFor={`${id}-to`}>{t('audit.search.to')}</label>
        <input id={`${id}-to`} type="date" value={form.to} onChange={set('to')} />
        <button type="submit">{t('audit.search.submit')}</button>
      </form>
      <ErrorMessage error={error} />
      {page && (
        <>
          <p role="status">{t('audit.search.found', { count: page.total, n: n.format(page.total) })}</p>
          {page.items.length > 0 && (
            // The frame scrolls sideways on a phone; it takes the focus so a keyboard can scroll it too.
            // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard
            <section className="table-scroll" tabIndex={0} aria-labelledby={`${id}-caption`}>
              <table>
                <caption id={`${id}-caption`}>{t('audit.search.caption')}</caption>
                <thead>
                  <tr>
                    {(['when', 'who', 'what', 'object', 'where', 'why', 'sealed'] as const).map((c) => (
                      <th key={c} scope="col">
                        {t(`audit.column.${c}`)}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {page.items.map((e) => (
                    <tr key={e.id}>
                      <td>{time(e.at)}</td>
                      <td>{who(e)}</td>
                      <td>
                        <code style={{ whiteSpace: 'nowrap' }}>{e.action}</code>
                        {e.data && typeof e.data === 'object' && Object.keys(e.data).length > 0 ? (
                          <details>
                            <summary>{t('audit.details')}</summary>
                            <pre>{JSON.stringify(e.data, null, 1)}</pre>
                          </details>
                        ) : null}
                      </td>
                      <td>{e.entityId ? `${e.entity ?? ''} ${e.entityId}`.trim() : (e.entity ?? '')}</td>
                      <td>{e.ip ?? ''}</td>
                      <td>{e.reason ?? ''}</td>
                      <td>{e.seq === null ? t('audit.unsealed') : n.format(e.seq)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </section>
          )}
          <Pager offset={offset} limit={LIMIT} total={page.total} onOffset={setOffset} />
        </>
      )}
    </section>
  );
}
