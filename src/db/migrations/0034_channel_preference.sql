-- The channel a citizen chose for messages about their grievances (the portal's setting): null means
-- the channel they used (WhatsApp for a grievance raised there), with SMS as the fallback
-- (src/notify/render.ts). Sign-in codes and answers to an SMS always go by SMS.
alter table citizens add column preferred_channel text check (preferred_channel in ('sms', 'whatsapp'));
