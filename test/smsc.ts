// A real SMSC on loopback, from the `smpp` package's server: binds (checking the credentials), answers
// submit_sm with message ids, and lets a test throttle, refuse, drop the connection mid-send, hold
// responses back, send delivery receipts (by TLV or by text) and messages from citizens.
import type { AddressInfo } from 'node:net';
import smpp, { type PDU, type Session } from 'smpp';

export interface Submitted {
  pdu: PDU;
  messageId: string;
  at: number;
  /** The payload as the package decoded it: {udh: [Buffer], message: string} or a string. */
  udh: Buffer | null;
  text: string;
}

export interface Smsc {
  url: string;
  submitted: Submitted[];
  binds: number;
  /** Answer the next submits with these statuses (0 = accept). */
  statuses: number[];
  /** Drop the connection when this many more submits have arrived (the last one unanswered). */
  dropAfter: number | null;
  /** Hold each response this long (ms). */
  delayMs: number;
  /** Most submits seen waiting for their response at once. */
  maxOutstanding: number;
  receipt(messageId: string, style: 'tlv' | 'text', stat?: string): Promise<PDU>;
  inbound(from: string, text: string | Buffer, options?: { udh?: Buffer; dataCoding?: number }): Promise<PDU>;
  close(): Promise<void>;
}

export async function startSmsc(credentials = { systemId: 'civicline', password: 'secret' }): Promise<Smsc> {
  let counter = 0;
  let outstanding = 0;
  const bound = new Set<Session>();
  const smsc: Smsc = {
    url: '',
    submitted: [],
    binds: 0,
    statuses: [],
    dropAfter: null,
    delayMs: 0,
    maxOutstanding: 0,
    receipt: (messageId, style, stat = 'DELIVRD') => {
      const text = `id:${messageId} sub:001 dlvrd:${stat === 'DELIVRD' ? '001' : '000'} submit date:2603021000 done date:2603021001 stat:${stat} err:${stat === 'DELIVRD' ? '000' : '001'} text:`;
      return toClient({
        source_addr: '919811100001',
        destination_addr: 'CIVICL',
        esm_class: 0x04,
        short_message: text,
        ...(style === 'tlv'
          ? { receipted_message_id: messageId, message_state: stat === 'DELIVRD' ? 2 : 5 }
          : {}),
      });
    },
    inbound: (from, text, options = {}) =>
      toClient({
        source_addr: from.replace(/^\+/, ''),
        destination_addr: '1800',
        esm_class: options.udh ? 0x40 : 0,
        ...(options.dataCoding !== undefined ? { data_coding: options.dataCoding } : {}),
        short_message: options.udh ? { udh: options.udh, message: text } : text,
      }),
    close: () =>
      new Promise((resolve) => {
        for (const s of bound) s.destroy();
        server.close(() => resolve());
      }),
  };

  const toClient = (fields: Record<string, unknown>) =>
    new Promise<PDU>((resolve, reject) => {
      const session = [...bound][0];
      if (!session) return reject(new Error('no client is bound'));
      session.deliver_sm(fields, (response) => resolve(response));
    });

  const server = smpp.createServer((session: Session) => {
    session.on('error', () => undefined);
    session.on('bind_transceiver', (pdu: PDU) => {
      if (pdu.system_id !== credentials.systemId || pdu.password !== credentials.password) {
        session.send(pdu.response({ command_status: smpp.errors.ESME_RBINDFAIL }));
        session.close();
        return;
      }
      smsc.binds++;
      bound.add(session);
      session.send(pdu.response({ system_id: 'test-smsc' }));
    });
    session.on('close', () => bound.delete(session));
    session.on('enquire_link', (pdu: PDU) => session.send(pdu.response()));
    session.on('unbind', (pdu: PDU) => {
      session.send(pdu.response());
      session.close();
    });
    session.on('submit_sm', (pdu: PDU) => {
      if (smsc.dropAfter !== null && --smsc.dropAfter <= 0) {
        smsc.dropAfter = null;
        session.destroy();
        return;
      }
      const status = smsc.statuses.shift() ?? 0;
      const messageId = status === 0 ? `m${++counter}` : '';
      const value = pdu.short_message as { udh?: Buffer[]; message: string } | string;
      if (status === 0)
        smsc.submitted.push({
          pdu,
          messageId,
          at: Date.now(),
          udh: typeof value === 'object' && value.udh?.length ? Buffer.concat(value.udh) : null,
          text: typeof value === 'object' ? String(value.message) : String(value),
        });
      outstanding++;
      smsc.maxOutstanding = Math.max(smsc.maxOutstanding, outstanding);
      setTimeout(() => {
        outstanding--;
        session.send(pdu.response({ command_status: status, message_id: messageId }));
      }, smsc.delayMs);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  smsc.url = `smpp://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return smsc;
}
