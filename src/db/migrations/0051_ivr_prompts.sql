-- Recorded prompts: an administrator's recording of a prompt in one language replaces the synthetic
-- placeholder (espeak-ng) for that prompt. Stored as 8 kHz mono 16-bit PCM, what the phone network
-- carries; a provider is given it as a WAV, the SIP path as mu-law RTP.
create table ivr_prompt_recordings (
  key text not null,
  language text not null,
  pcm bytea not null check (octet_length(pcm) > 0 and octet_length(pcm) <= 16000000),
  duration_ms integer not null,
  uploaded_by bigint references users (id),
  uploaded_at timestamptz not null,
  primary key (key, language)
);
