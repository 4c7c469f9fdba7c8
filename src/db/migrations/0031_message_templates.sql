-- Admins' overrides of the catalogue's message templates (src/notify/templates.ts), one per (event,
-- channel, language). A row may carry only DLT registration (body null: the catalogue's words), since
-- India's regulator registers each SMS text with the principal entity and the sender header.
create table message_templates (
  event text not null,
  channel text not null check (channel in ('sms', 'whatsapp', 'email')),
  language text not null,
  body text,
  subject text,
  dlt_entity_id text,
  dlt_template_id text,
  sender text,
  updated_at timestamptz not null,
  updated_by bigint,
  primary key (event, channel, language)
);
