// SMS over SMPP 3.4 (the `smpp` package): one transceiver bind per process, kept up with enquire_link
// and bound again with a growing pause after the connection drops.
//
// Sending: the text is encoded and split by encoding.ts (GSM-7 or UCS-2, our own concatenation
// headers, esm_class 0x40), each part a submit_sm with registered delivery and India's DLT TLVs. Two
// limits protect the bind: at most `tps` submit_sm a second (operators allow a fixed rate per bind and
// throttle or cut off above it) and at most `window` submits waiting for their response.
//
// Outcomes: every part accepted: `sent` with each part's message id. A status that may pass (throttled,
// the SMSC's queue full, a system error, no bind, no answer in time): `retry`. Anything else (invalid
// destination, a DLT rejection, a bad sender): `failed` with the status name. A long message that
// fails after some parts were accepted is retried whole: the citizen may then see the first parts
// twice (the documented bound, src/notify/deliver.ts).
//
// Receiving: deliver_sm is a receipt when its esm_class says so or it carries receipted_message_id;
// the id comes from that TLV, else from the `id:... stat:...` text (gateways differ). Any other
// deliver_sm is a message from a citizen, handed on with its concatenation header; its response is sent
// only after the handler has stored it, and a handler failure answers ESME_RX_T_APPN so the SMSC
// delivers it again rather than it being lost.
import smpp, { type PDU, type Session } from 'smpp';
import { cleanText } from '../../http/text.ts';
import type { ChannelAdapter, DeliveryReceipt, RenderedMessage, SendOutcome } from '../../notify/adapter.ts';
import { type Concatenation, decodeMessage, encodeMessage } from './encoding.ts';

export interface SmppConfig {
  /** smpp://host:port (ssmpp:// for TLS). */
  url: string;
  systemId: string;
  password: string;
  systemType?: string;
  /** The sender header (source_addr) when a template names none. */
  source: string;
  sourceTon?: number;
  sourceNpi?: number;
  /** submit_sm per second on this bind; 0 for no cap. */
  tps?: number;
  /** Submits awaiting their response at once. */
  window?: number;
  /** Longest message we send, in parts; longer texts fail rather than cost a fortune. */
  maxParts?: number;
  enquireLinkSeconds?: number;
  /** How long a submit may wait for its response (must stay well under the delivery lease). */
  submitTimeoutSeconds?: number;
  /** First pause before binding again after a drop; doubled up to a minute. */
  rebindSeconds?: number;
  /** India's DLT: the principal entity id when a template names none, the telemarketer id, and TLV tags. */
  dlt?: {
    entityId?: string;
    telemarketerId?: string;
    tags?: { entityId: number; templateId: number; telemarketerId: number };
  };
}

export interface InboundSms {
  from: string;
  to: string;
  text: string;
  concatenation: Concatenation | null;
  /** The SMSC's id for the message where it gives one (for de-duplication of a redelivery). */
  id: string | null;
}

export interface SmppHandlers {
  onReceipt?(receipt: DeliveryReceipt): Promise<void>;
  onInbound?(message: InboundSms): Promise<void>;
  log?: {
    info(o: object, m?: string): void;
    warn(o: object, m?: string): void;
    error(o: object, m?: string): void;
  };
}

export const DEFAULT_DLT_TAGS = { entityId: 0x1400, templateId: 0x1401, telemarketerId: 0x1402 };

const TRANSIENT = new Set([
  'ESME_RTHROTTLED',
  'ESME_RMSGQFUL',
  'ESME_RSYSERR',
  'ESME_RSUBMITFAIL',
  'ESME_RX_T_APPN',
]);
const statusNames = new Map(Object.entries(smpp.errors).map(([name, code]) => [code, name]));
export const statusName = (status: number) =>
  statusNames.get(status) ?? `0x${status.toString(16).padStart(8, '0')}`;

/** Registers the DLT TLV names for the configured tags (the package decodes and encodes TLVs by name). */
export function registerDltTags(tags = DEFAULT_DLT_TAGS) {
  smpp.addTLV('dlt_pe_id', { id: tags.entityId, type: smpp.types.tlv.string });
  smpp.addTLV('dlt_template_id', { id: tags.templateId, type: smpp.types.tlv.string });
  smpp.addTLV('dlt_telemarketer_id', { id: tags.telemarketerId, type: smpp.types.tlv.string });
}

export interface SmppAdapter extends ChannelAdapter {
  close(): Promise<void>;
  /** Resolves once bound (tests, start-up checks). */
  bound(): Promise<void>;
  state(): { bound: boolean; inFlight: number; binds: number };
}

export function createSmppAdapter(config: SmppConfig, handlers: SmppHandlers = {}): SmppAdapter {
  const tags = config.dlt?.tags ?? DEFAULT_DLT_TAGS;
  registerDltTags(tags);
  const tps = config.tps ?? 0;
  const windowSize = Math.max(1, config.window ?? 10);
  const maxParts = config.maxParts ?? 6;
  const submitTimeoutMs = (config.submitTimeoutSeconds ?? 30) * 1000;
  const log = handlers.log;

  let session: Session | null = null;
  let isBound = false;
  let closed = false;
  let binds = 0;
  let rebindMs = (config.rebindSeconds ?? 1) * 1000;
  let bindWaiters: (() => void)[] = [];
  let reference = Math.floor(Math.random() * 256);
  let enquireTimer: NodeJS.Timeout | null = null;
  let rebindTimer: NodeJS.Timeout | null = null;
  /** Submits sent on the current connection awaiting their response: failed over if it drops. */
  const pending = new Map<number, (pdu: PDU | null, error?: string) => void>();

  // ---- the bind -------------------------------------------------------------------------------------
  const connect = () => {
    if (closed) return;
    const s = smpp.connect({ url: config.url });
    session = s;
    s.on('connect', () => {
      s.bind_transceiver(
        {
          system_id: config.systemId,
          password: config.password,
          system_type: config.systemType ?? '',
          interface_version: 0x34,
        },
        (pdu) => {
          if (pdu.command_status !== 0) {
            log?.error({ status: statusName(pdu.command_status) }, 'SMPP bind refused');
            s.destroy();
            return;
          }
          isBound = true;
          binds++;
          rebindMs = (config.rebindSeconds ?? 1) * 1000;
          log?.info({ url: config.url }, 'SMPP bound');
          for (const wake of bindWaiters) wake();
          bindWaiters = [];
          enquireTimer = setInterval(() => s.enquire_link({}), (config.enquireLinkSeconds ?? 30) * 1000);
          enquireTimer.unref();
        },
      );
    });
    s.on('deliver_sm', (pdu: PDU) => void onDeliver(s, pdu));
    s.on('enquire_link', (pdu: PDU) => s.send(pdu.response()));
    s.on('unbind', (pdu: PDU) => {
      s.send(pdu.response());
      s.close();
    });
    s.on('error', (error: Error) => log?.warn({ err: error.message }, 'SMPP connection error'));
    s.on('close', () => {
      if (session !== s) return;
      isBound = false;
      session = null;
      if (enquireTimer) clearInterval(enquireTimer);
      // Whatever was waiting for an answer on this connection gets none: the SMSC may or may not have
      // taken it, so it is retried (and may be sent twice, the documented bound).
      for (const [seq, settle] of pending) {
        pending.delete(seq);
        settle(null, 'the SMSC connection dropped before it answered');
      }
      if (closed) return;
      log?.warn({ retryInMs: rebindMs }, 'SMPP connection lost; binding again');
      rebindTimer = setTimeout(connect, rebindMs);
      rebindMs = Math.min(rebindMs * 2, 60_000);
    });
  };
  connect();

  const waitForBind = (ms: number) =>
    isBound
      ? Promise.resolve(true)
      : new Promise<boolean>((resolve) => {
          const timer = setTimeout(() => resolve(false), ms);
          bindWaiters.push(() => {
            clearTimeout(timer);
            resolve(true);
          });
        });

  // ---- flow control: a window of unacknowledged submits and a rate per second ---------------------------
  let inFlight = 0;
  const windowWaiters: (() => void)[] = [];
  const takeWindow = async () => {
    while (inFlight >= windowSize) await new Promise<void>((resolve) => windowWaiters.push(resolve));
    inFlight++;
  };
  const releaseWindow = () => {
    inFlight--;
    windowWaiters.shift()?.();
  };
  let nextSlot = 0;
  const takeRateSlot = async () => {
    if (tps <= 0) return;
    const now = Date.now();
    const at = Math.max(now, nextSlot);
    nextSlot = at + 1000 / tps;
    if (at > now) await new Promise((resolve) => setTimeout(resolve, at - now));
  };

  const submit = async (fields: Record<string, unknown>): Promise<{ pdu: PDU | null; error?: string }> => {
    await takeWindow();
    try {
      await takeRateSlot();
      if (!(await waitForBind(5000)) || !session) return { pdu: null, error: 'not bound to the SMSC' };
      const s = session;
      return await new Promise((resolve) => {
        const pdu = new smpp.PDU('submit_sm', fields);
        let timer: NodeJS.Timeout | null = null;
        const settle = (response: PDU | null, error?: string) => {
          if (timer) clearTimeout(timer);
          pending.delete(pdu.sequence_number);
          resolve({ pdu: response, ...(error ? { error } : {}) });
        };
        const sent = s.send(pdu, (response) => settle(response));
        if (!sent) return settle(null, 'the SMSC connection is not writable');
        pending.set(pdu.sequence_number, settle);
        timer = setTimeout(() => settle(null, 'no answer from the SMSC in time'), submitTimeoutMs);
      });
    } finally {
      releaseWindow();
    }
  };

  // ---- send ---------------------------------------------------------------------------------------------
  const send = async (message: RenderedMessage): Promise<SendOutcome> => {
    reference = (reference + 1) % 256;
    const encoded = encodeMessage(message.text, reference);
    if (encoded.parts.length > maxParts) {
      return {
        kind: 'failed',
        reason: `the message needs ${encoded.parts.length} parts; at most ${maxParts} are allowed (SMPP_MAX_PARTS)`,
      };
    }
    const dlt: Record<string, unknown> = {};
    const entityId = message.template?.entityId ?? config.dlt?.entityId;
    if (entityId) dlt.dlt_pe_id = entityId;
    if (message.template?.id) dlt.dlt_template_id = message.template.id;
    if (config.dlt?.telemarketerId) dlt.dlt_telemarketer_id = config.dlt.telemarketerId;
    const long = encoded.parts.length > 1;
    const ids: string[] = [];
    for (const part of encoded.parts) {
      const { pdu, error } = await submit({
        source_addr: message.template?.sender ?? config.source,
        source_addr_ton: config.sourceTon ?? 5,
        source_addr_npi: config.sourceNpi ?? 0,
        destination_addr: message.to.replace(/^\+/, ''),
        dest_addr_ton: 1,
        dest_addr_npi: 1,
        esm_class: long ? 0x40 : 0x00,
        data_coding: encoded.dataCoding,
        registered_delivery: 1,
        short_message: part,
        ...dlt,
      });
      if (!pdu) return { kind: 'retry', reason: error ?? 'no answer from the SMSC' };
      if (pdu.command_status !== 0) {
        const name = statusName(pdu.command_status);
        if (TRANSIENT.has(name))
          return { kind: 'retry', reason: name, afterSeconds: name === 'ESME_RTHROTTLED' ? 5 : undefined };
        return { kind: 'failed', reason: `${name}${describe(name)}` };
      }
      ids.push(String(pdu.message_id));
    }
    return { kind: 'sent', providerId: ids[0] as string, ...(long ? { partIds: ids } : {}) };
  };

  // ---- receive ------------------------------------------------------------------------------------------
  const onDeliver = async (s: Session, pdu: PDU) => {
    try {
      const receipt = readReceipt(pdu);
      if (receipt) await handlers.onReceipt?.(receipt);
      else if (handlers.onInbound) await handlers.onInbound(readInbound(pdu));
      s.send(pdu.response());
    } catch (error) {
      log?.error(
        { err: error instanceof Error ? error.message : String(error) },
        'SMPP deliver_sm not stored',
      );
      s.send(pdu.response({ command_status: smpp.errors.ESME_RX_T_APPN }));
    }
  };

  return {
    kind: 'sms',
    provider: 'smpp',
    send,
    bound: async () => {
      if (!(await waitForBind(30_000))) throw new Error('could not bind to the SMSC');
    },
    state: () => ({ bound: isBound, inFlight, binds }),
    async close() {
      closed = true;
      if (rebindTimer) clearTimeout(rebindTimer);
      if (enquireTimer) clearInterval(enquireTimer);
      const s = session;
      if (!s) return;
      await new Promise<void>((resolve) => {
        const done = setTimeout(() => {
          s.destroy();
          resolve();
        }, 2000);
        if (!isBound) {
          clearTimeout(done);
          s.destroy();
          return resolve();
        }
        s.unbind({}, () => {
          clearTimeout(done);
          s.close(() => resolve());
        });
      });
    },
  };
}

const REASONS: Record<string, string> = {
  ESME_RINVDSTADR: ': invalid destination address',
  ESME_RINVSRCADR: ': invalid sender header',
  ESME_RINVMSGLEN: ': message too long',
};
const describe = (name: string) => REASONS[name] ?? '';

// ---- PDUs in ------------------------------------------------------------------------------------------------

/** The text of a received PDU, whether the package decoded it ({udh, message}) or left it raw. */
function readShortMessage(pdu: PDU): { text: string; concatenation: Concatenation | null } {
  const value = (pdu.message_payload ?? pdu.short_message) as
    | Buffer
    | string
    | { udh?: Buffer[]; message: string | Buffer }
    | undefined;
  const dataCoding = Number(pdu.data_coding ?? 0);
  const hasUdh = (Number(pdu.esm_class ?? 0) & 0x40) !== 0;
  if (value === undefined || value === null) return { text: '', concatenation: null };
  if (Buffer.isBuffer(value)) return decodeMessage(value, dataCoding, hasUdh);
  if (typeof value === 'string') return { text: value, concatenation: null };
  const udh = value.udh?.length ? Buffer.concat([Buffer.from([0]), ...value.udh]) : null;
  if (udh) udh[0] = udh.length - 1;
  const concatenation = udh ? decodeMessage(udh, 0, true).concatenation : null;
  const text = Buffer.isBuffer(value.message)
    ? decodeMessage(value.message, dataCoding, false).text
    : value.message;
  return { text, concatenation };
}

const STATES: Record<string, DeliveryReceipt['state']> = {
  DELIVRD: 'delivered',
  UNDELIV: 'failed',
  EXPIRED: 'failed',
  REJECTD: 'failed',
  DELETED: 'failed',
  ACCEPTD: 'sent',
  ENROUTE: 'sent',
  UNKNOWN: 'sent',
};
// message_state TLV values (SMPP 3.4 5.2.28).
const MESSAGE_STATES: Record<number, string> = {
  1: 'ENROUTE',
  2: 'DELIVRD',
  3: 'EXPIRED',
  4: 'DELETED',
  5: 'UNDELIV',
  6: 'ACCEPTD',
  7: 'UNKNOWN',
  8: 'REJECTD',
};

/** A delivery receipt, or null when the deliver_sm is a message from a citizen. */
export function readReceipt(pdu: PDU): DeliveryReceipt | null {
  const esm = Number(pdu.esm_class ?? 0);
  const isReceipt = (esm & 0x3c) === 0x04 || (esm & 0x3c) === 0x08 || pdu.receipted_message_id !== undefined;
  if (!isReceipt) return null;
  const { text } = readShortMessage(pdu);
  const fields = Object.fromEntries(
    [...text.matchAll(/(id|stat|err|sub|dlvrd):(\S+)/gi)].map((m) => [
      String(m[1]).toLowerCase(),
      m[2] as string,
    ]),
  );
  const providerId =
    (typeof pdu.receipted_message_id === 'string' && pdu.receipted_message_id) || (fields.id ?? '');
  const stat =
    (typeof pdu.message_state === 'number' ? MESSAGE_STATES[pdu.message_state] : undefined) ??
    fields.stat?.toUpperCase() ??
    'UNKNOWN';
  if (!providerId) return null;
  const state = STATES[stat] ?? 'failed';
  return {
    providerId,
    state,
    ...(state === 'failed' ? { reason: fields.err ? `${stat} (err ${fields.err})` : stat } : {}),
    at: new Date(),
  };
}

function readInbound(pdu: PDU): InboundSms {
  const { text, concatenation } = readShortMessage(pdu);
  return {
    from: `+${String(pdu.source_addr ?? '').replace(/^\+/, '')}`,
    to: String(pdu.destination_addr ?? ''),
    // Text from outside is checked and normalised as at every edge (src/http/text.ts); the parts of a
    // long message only once joined, as a character may straddle two of them.
    text: concatenation ? text : cleanText(text),
    concatenation,
    id: typeof pdu.receipted_message_id === 'string' ? pdu.receipted_message_id : null,
  };
}
