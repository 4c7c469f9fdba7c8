// Recorded prompts: for each prompt of the catalogue in a language, its text, the recording if there
// is one (played here), an upload (WAV or MP3; the server keeps 8 kHz mono as it is and converts the
// rest) and a removal. Prompts with parts filled in during the call (numbers, dates) are read from
// clips and cannot be recorded whole: they are listed without an upload.
import { useCallback, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, putFile } from '../api.ts';
import { ErrorMessage } from '../ErrorMessage.tsx';
import { FileButton } from '../FileButton.tsx';
import { LANGUAGES } from '../i18n.ts';

interface Prompt {
  key: string;
  language: string;
  text: string;
  recordable: boolean;
  recording: { durationMs: number; uploadedAt: string } | null;
}

export function PromptRecordings() {
  const { t } = useTranslation();
  const id = useId();
  const [language, setLanguage] = useState('en');
  const [items, setItems] = useState<Prompt[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);

  const load = useCallback(async () => {
    try {
      setItems((await api<{ items: Prompt[] }>('GET', '/api/voice/prompts')).items);
    } catch (err) {
      setError(err);
    }
  }, []);
  useEffect(() => {
    void load();
  }, [load]);

  const act = async (work: () => Promise<unknown>, message: string) => {
    setError(null);
    setDone(null);
    try {
      await work();
      setDone(message);
      await load();
    } catch (err) {
      setError(err);
    }
  };

  return (
    <details>
      <summary>{t('voice.prompts.title')}</summary>
      <p className="hint">{t('voice.prompts.hint')}</p>
      <label>
        {t('voice.prompts.language')}{' '}
        <select value={language} onChange={(e) => setLanguage(e.target.value)}>
          {LANGUAGES.map((l) => (
            <option key={l.code} value={l.code}>
              {l.label}
            </option>
          ))}
        </select>
      </label>
      <ErrorMessage error={error} />
      {done && <p role="status">{done}</p>}
      <div className="table-scroll">
        <table aria-labelledby={`${id}-caption`}>
          <caption id={`${id}-caption`}>{t('voice.prompts.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('voice.prompts.key')}</th>
              <th scope="col">{t('voice.prompts.text')}</th>
              <th scope="col">{t('voice.prompts.recording')}</th>
            </tr>
          </thead>
          <tbody>
            {items
              .filter((p) => p.language === language)
              .map((p) => {
                const url = `/webhooks/voice/recordings/${encodeURIComponent(p.key)}/${p.language}.wav?v=${p.recording ? Date.parse(p.recording.uploadedAt) : 0}`;
                return (
                  <tr key={p.key}>
                    <td>
                      <code>{p.key}</code>
                    </td>
                    <td lang={p.language}>{p.text}</td>
                    <td>
                      {!p.recordable ? (
                        t('voice.prompts.fromClips')
                      ) : (
                        <>
                          {p.recording && (
                            <>
                              {/* biome-ignore lint/a11y/useMediaCaption: the prompt's text is in the row */}
                              <audio
                                controls
                                preload="none"
                                src={url}
                                aria-label={t('voice.prompts.listen', { key: p.key })}
                              />{' '}
                              {t('voice.prompts.seconds', {
                                seconds: (p.recording.durationMs / 1000).toFixed(1),
                              })}{' '}
                              <button
                                type="button"
                                className="secondary"
                                onClick={() =>
                                  act(
                                    () =>
                                      api(
                                        'DELETE',
                                        `/api/voice/prompts/${encodeURIComponent(p.key)}/${p.language}`,
                                      ),
                                    t('voice.prompts.removed', { key: p.key }),
                                  )
                                }
                              >
                                {t('voice.prompts.remove', { key: p.key })}
                              </button>{' '}
                            </>
                          )}
                          <FileButton
                            label={t('voice.prompts.upload', { key: p.key })}
                            accept="audio/wav,audio/x-wav,audio/mpeg,.wav,.mp3"
                            keepName={false}
                            onChoose={(file) => {
                              if (file)
                                void act(
                                  () =>
                                    putFile(
                                      `/api/voice/prompts/${encodeURIComponent(p.key)}/${p.language}`,
                                      file,
                                    ),
                                  t('voice.prompts.uploaded', { key: p.key }),
                                );
                            }}
                          />
                        </>
                      )}
                    </td>
                  </tr>
                );
              })}
          </tbody>
        </table>
      </div>
    </details>
  );
}
