// The supervisor's list of citizens flagged as habitual or fake complainants, with why and by whom, and
// clearing a flag that no longer holds (with the reason, which is audited). Agents flag from the call's
// screen-pop; a flag only informs the agent, it never refuses a citizen.
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { listOpenFlags } from '../../desk/flags.ts';
import { api } from '../api.ts';
import { ErrorMessage } from '../ErrorMessage.tsx';
import { useFetched } from '../fetching.ts';
import { useDateFormat } from '../History.tsx';
import { ScrollRegion } from '../ScrollRegion.tsx';
import type { Wire } from '../wire.ts';

type OpenFlag = Wire<Awaited<ReturnType<typeof listOpenFlags>>[number]>;

export function FlaggedCitizens() {
  const { t } = useTranslation();
  const id = useId();
  const date = useDateFormat();
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);
  const [clearing, setClearing] = useState<number | null>(null);
  // A flag cleared here leaves the list with the word that it is cleared, not a round trip later
  // (until the list is read again the row would still offer to clear it).
  const [cleared, setCleared] = useState<number[]>([]);
  const { data, reload } = useFetched<OpenFlag[]>('/api/desk/flags', setError);
  const flags = data?.filter((f) => !cleared.includes(f.id));

  return (
    <section aria-labelledby={`${id}-title`} className="flagged">
      <h2 id={`${id}-title`}>{t('flags.title')}</h2>
      <ErrorMessage error={error} />
      {done && <p role="status">{done}</p>}
      {flags?.length === 0 && <p>{t('flags.none')}</p>}
      {flags && flags.length > 0 && (
        <ScrollRegion labelledBy={`${id}-title`}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t('flags.who')}</th>
                <th scope="col">{t('flags.reason')}</th>
                <th scope="col">{t('flags.by')}</th>
                <th scope="col">{t('flags.when')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('flags.clear')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {flags.map((f) => (
                <tr key={f.id}>
                  <td>
                    {f.phone}
                    {f.name ? ` · ${f.name}` : ''}
                  </td>
                  <td>{f.reason}</td>
                  <td>{f.flaggedBy ?? '—'}</td>
                  <td>{date(f.flaggedAt)}</td>
                  <td>
                    {clearing === f.id ? (
                      <ClearForm
                        flag={f}
                        onCancel={() => setClearing(null)}
                        onCleared={() => {
                          setClearing(null);
                          setCleared((ids) => [...ids, f.id]);
                          setDone(t('flags.cleared', { phone: f.phone }));
                          reload();
                        }}
                      />
                    ) : (
                      <button
                        type="button"
                        className="secondary"
                        onClick={() => {
                          setDone(null);
                          setClearing(f.id);
                        }}
                      >
                        {t('flags.clear')}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
    </section>
  );
}

function ClearForm({
  flag,
  onCancel,
  onCleared,
}: {
  flag: OpenFlag;
  onCancel: () => void;
  onCleared: () => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<unknown>(null);

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    setError(null);
    try {
      await api('POST', `/api/desk/flags/${flag.id}/clear`, { reason: reason.trim() });
      onCleared();
    } catch (err) {
      setError(err);
    }
  }

  return (
    <form onSubmit={submit} aria-label={`${t('flags.clear')}: ${flag.phone}`}>
      <label htmlFor={`${id}-reason`}>{t('flags.clearReason')}</label>
      <textarea
        id={`${id}-reason`}
        rows={2}
        required
        maxLength={500}
        value={reason}
        onChange={(e) => setReason(e.target.value)}
      />
      <ErrorMessage error={error} />
      <p className="actions">
        <button type="submit">{t('flags.clearSave')}</button>
        <button type="button" className="secondary" onClick={onCancel}>
          {t('deskScreens.cancel')}
        </button>
      </p>
    </form>
  );
}
