// The channel settings an administrator may set, by the environment variable each stands for (the
// README's tables say what each means). A secret is write-only: the API says whether it is set and
// where from, never its value.
export type SettingsChannel = 'sms' | 'whatsapp' | 'email';
export const SETTINGS_CHANNELS: SettingsChannel[] = ['sms', 'whatsapp', 'email'];

export interface SettingField {
  name: string;
  channel: SettingsChannel;
  kind: 'text' | 'number' | 'choice';
  secret?: boolean;
  choices?: string[];
}

const f = (
  channel: SettingsChannel,
  kind: SettingField['kind'],
  names: string[],
  extra: Partial<SettingField> = {},
) => names.map((name) => ({ name, channel, kind, ...extra }));

export const SETTING_FIELDS: SettingField[] = [
  ...f('sms', 'choice', ['SMS_PROVIDER'], { choices: ['none', 'smpp', 'dlt-http', 'africastalking'] }),
  ...f('sms', 'text', ['SMS_SENDER', 'SMS_DLT_ENTITY_ID', 'SMS_DLT_TELEMARKETER_ID']),
  ...f('sms', 'number', ['SMS_MAX_PARTS']),
  ...f('sms', 'text', ['SMPP_URL', 'SMPP_SYSTEM_ID']),
  ...f('sms', 'text', ['SMPP_PASSWORD'], { secret: true }),
  ...f('sms', 'number', ['SMPP_TPS', 'SMPP_WINDOW']),
  ...f('sms', 'text', ['SMS_HTTP_URL', 'SMS_HTTP_USERNAME']),
  ...f('sms', 'text', ['SMS_HTTP_API_KEY'], { secret: true }),
  ...f('sms', 'number', ['SMS_HTTP_TPS']),
  ...f('sms', 'choice', ['SMS_HTTP_METHOD'], { choices: ['GET', 'POST'] }),
  ...f('sms', 'text', [
    'SMS_HTTP_PARAMS',
    'SMS_HTTP_ID_PATH',
    'SMS_HTTP_ERROR_PATH',
    'SMS_HTTP_PERMANENT_ERRORS',
  ]),
  ...f('sms', 'text', ['SMS_RECEIPT_TOKEN'], { secret: true }),
  ...f('sms', 'text', ['SMS_RECEIPT_URL']),
  ...f('whatsapp', 'text', ['WHATSAPP_PHONE_NUMBER_ID', 'WHATSAPP_API_URL']),
  ...f('whatsapp', 'text', ['WHATSAPP_TOKEN', 'WHATSAPP_APP_SECRET', 'WHATSAPP_VERIFY_TOKEN'], {
    secret: true,
  }),
  ...f('whatsapp', 'number', ['WHATSAPP_TPS']),
  // The SMTP URL may carry the password (smtp://user:pass@host), so it is a secret as a whole.
  ...f('email', 'text', ['EMAIL_SMTP_URL', 'EMAIL_IMAP_URL'], { secret: true }),
  ...f('email', 'text', ['EMAIL_FROM', 'EMAIL_REPLY_DOMAIN', 'EMAIL_IMAP_MAILBOX']),
  ...f('email', 'number', ['EMAIL_TPS']),
];

export const FIELD_BY_NAME = new Map(SETTING_FIELDS.map((field) => [field.name, field]));
