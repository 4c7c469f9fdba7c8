// Message templates: the words of every message citizens and officers get, per event, channel and
// language, from the catalogues unless an admin overrides them here; an SMS template's DLT
// registration (principal entity, content template id, sender header). The preview fills the variables
// with sample values and counts characters and SMS parts (GSM-7 or UCS-2) as the carrier will.
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { segmentInfo } from '../../channels/sms/encoding.ts';
import { fill, sampleVariables } from '../../notify/fill.ts';
import { api } from '../api.ts';
import { ErrorMessage } from '../ErrorMessage.tsx';
import { LANGUAGES } from '../i18n.ts';
import { Form, useSubmit } from './Form.tsx';
import { SelectField, TextField } from './fields.tsx';
import { useList } from './useList.ts';

interface Template {
  event: string;
  channel: 'sms' | 'whatsapp' | 'email';
  language: string;
  text: string;
  subject: string | null;
  overridden: boolean;
  dltEntityId: string | null;
  dltTemplateId: string | null;
  sender: string | null;
}
interface TemplateList {
  templates: Template[];
  variables: string[];
}

const CHANNELS = ['sms', 'whatsapp', 'email'] as const;

export function MessageTemplates() {
  const { t } = useTranslation();
  const list = useList<TemplateList>('/api/message-templates');
  const [event, setEvent] = useState('grievance_registered');
  const [channel, setChannel] = useState<Template['channel']>('sms');
  const [language, setLanguage] = useState('en');
  const events = [...new Set(list.data?.templates.map((x) => x.event) ?? [])];
  const current = list.data?.templates.find(
    (x) => x.event === event && x.channel === channel && x.language === language,
  );
  return (
    <section aria-labelledby="messages-title">
      <h2 id="messages-title">{t('admin.messages')}</h2>
      <p>{t('adminMessages.intro')}</p>
      <ErrorMessage error={list.error} />
      <p role="status">{list.status}</p>
      <SelectField label={t('adminMessages.event')} value={event} onChange={setEvent}>
        {events.map((e) => (
          <option key={e} value={e}>
            {t(`adminMessages.events.${e}`)}
          </option>
        ))}
      </SelectField>
      <SelectField
        label={t('adminMessages.channel')}
        value={channel}
        onChange={(v) => setChannel(v as Template['channel'])}
      >
        {CHANNELS.map((c) => (
          <option key={c} value={c}>
            {t(`adminMessages.channels.${c}`)}
          </option>
        ))}
      </SelectField>
      <SelectField label={t('adminMessages.language')} value={language} onChange={setLanguage}>
        {LANGUAGES.map((l) => (
          <option key={l.code} value={l.code}>
            {l.label}
          </option>
        ))}
      </SelectField>
      {current && (
        <TemplateEditor
          key={`${current.event}:${current.channel}:${current.language}`}
          template={current}
          variables={list.data?.variables ?? []}
          onChanged={list.changed}
        />
      )}
    </section>
  );
}

function TemplateEditor({
  template,
  variables,
  onChanged,
}: {
  template: Template;
  variables: string[];
  onChanged: (message?: string) => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const [body, setBody] = useState(template.text);
  const [subject, setSubject] = useState(template.subject ?? '');
  const [dltEntityId, setEntity] = useState(template.dltEntityId ?? '');
  const [dltTemplateId, setDltTemplate] = useState(template.dltTemplateId ?? '');
  const [sender, setSender] = useState(template.sender ?? '');
  const [revertError, setRevertError] = useState<unknown>(null);
  const sms = template.channel === 'sms';
  const preview = fill(body, sampleVariables(template.language));
  const info = segmentInfo(preview);
  const changedWords = body !== template.text || (!sms && subject !== (template.subject ?? ''));

  const { submit, error } = useSubmit(async () => {
    const path = `/api/message-templates/${template.event}/${template.channel}/${template.language}`;
    await api('PUT', path, {
      // Unchanged words stay the catalogue's, so a later catalogue fix reaches this template.
      body: changedWords || template.overridden ? body : null,
      subject: template.channel === 'email' && subject ? subject : null,
      dltEntityId: sms && dltEntityId ? dltEntityId : null,
      dltTemplateId: sms && dltTemplateId ? dltTemplateId : null,
      sender: sms && sender ? sender : null,
    });
    onChanged(t('adminMessages.saved'));
  });
  const revert = async () => {
    setRevertError(null);
    try {
      await api(
        'DELETE',
        `/api/message-templates/${template.event}/${template.channel}/${template.language}`,
      );
      onChanged(t('adminMessages.reverted'));
    } catch (err) {
      setRevertError(err);
    }
  };

  return (
    <Form
      title={t('adminMessages.edit', { event: t(`adminMessages.events.${template.event}`) })}
      onSubmit={submit}
      error={error}
      submitLabel={t('admin.save')}
    >
      <p>{template.overridden ? t('adminMessages.overridden') : t('adminMessages.fromCatalogue')}</p>
      {template.channel === 'email' && (
        <TextField label={t('adminMessages.subject')} value={subject} onChange={setSubject} maxLength={200} />
      )}
      <label htmlFor={`${id}-body`}>{t('adminMessages.body')}</label>
      <textarea
        id={`${id}-body`}
        rows={4}
        maxLength={2000}
        required
        value={body}
        onChange={(e) => setBody(e.target.value)}
        aria-describedby={`${id}-variables`}
        lang={template.language}
      />
      <p id={`${id}-variables`} className="hint">
        {t('adminMessages.variables', { list: variables.map((v) => `{{${v}}}`).join(' ') })}
      </p>
      <h4>{t('adminMessages.preview')}</h4>
      <p lang={template.language} className="preview">
        {preview}
      </p>
      <p aria-live="polite">
        {sms
          ? t('adminMessages.smsCount', {
              characters: info.characters,
              encoding: info.encoding === 'gsm7' ? 'GSM-7' : 'UCS-2',
              count: info.parts,
            })
          : t('adminMessages.characters', { count: info.characters })}
      </p>
      {sms && (
        <fieldset>
          <legend>{t('adminMessages.dlt')}</legend>
          <TextField
            label={t('adminMessages.dltEntityId')}
            value={dltEntityId}
            onChange={setEntity}
            inputMode="numeric"
            pattern="[0-9]{1,30}"
          />
          <TextField
            label={t('adminMessages.dltTemplateId')}
            value={dltTemplateId}
            onChange={setDltTemplate}
            inputMode="numeric"
            pattern="[0-9]{1,30}"
          />
          <TextField
            label={t('adminMessages.sender')}
            hint={t('adminMessages.senderHint')}
            value={sender}
            onChange={setSender}
            pattern="[A-Za-z0-9]{3,11}"
          />
        </fieldset>
      )}
      <ErrorMessage error={revertError} />
      {template.overridden || template.dltTemplateId ? (
        <>
          <button type="button" className="secondary" onClick={revert}>
            {t('adminMessages.revert')}
          </button>{' '}
        </>
      ) : null}
    </Form>
  );
}
