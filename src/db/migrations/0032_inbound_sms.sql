-- Inbound SMS (src/channels/sms/inbound.ts). The parts of a long message from a citizen wait here
-- until all have arrived (they may reach different nodes, in any order); the whole is then handled once.
create table sms_inbound_parts (
  sender text not null,
  reference integer not null,
  total integer not null,
  sequence integer not null,
  text text not null,
  received_at timestamptz not null,
  primary key (sender, reference, total, sequence)
);
create index sms_inbound_parts_received on sms_inbound_parts (received_at);

-- A citizen who sent STOP gets no more SMS from us (but the sign-in code they ask for) until START.
alter table citizens add column sms_opted_out_at timestamptz;
