// The SIP user agent: answers calls on one UDP port (RFC 3261), one dialog per Call-ID.
//
// What a trunk, a PBX or a softphone sends us and what we do:
//   INVITE    100 Trying at once; the engine's first instruction; then 200 OK with our SDP (PCMU and
//             telephone-event on an RTP port from the range), retransmitted until the ACK. An offer
//             without PCMU is refused (488), a full RTP range is 503, a failing engine 500.
//             An INVITE without SDP (late offer) gets our offer in the 200 and the answer in the ACK.
//   ACK       the call is up: the session starts walking the flow.
//   re-INVITE (same dialog) takes the new SDP (a hold, a new address) and answers with ours.
//   BYE       200; the session ends and the engine hears the hang-up.
//   CANCEL    200, and 487 for the INVITE if it was not answered yet.
//   INFO      application/dtmf-relay or application/dtmf digits, as keypad input; 200.
//   OPTIONS   200 with what we allow (trunks poll it to see we are alive).
// Responses go back to where the request came from (as RFC 3581 rport does for NAT), and so do our own
// requests (BYE, REFER), which suits a trunk or a softphone talking to us directly.
//
// Garbled or hostile datagrams are logged and dropped: nothing read from the network may throw out of
// the socket handler, since one bad packet must not end the calls in progress.
import { randomBytes, randomInt } from 'node:crypto';
import { createSocket, type RemoteInfo, type Socket } from 'node:dgram';
import type { Instruction, TurnCall } from '../instructions.ts';
import { parseDtmfInfo } from './dtmf.ts';
import { type CallMedia, createPortPool, openMedia, type PortRange } from './media.ts';
import {
  addrUri,
  headerParam,
  headerValue,
  headerValues,
  missingMandatory,
  parseCSeq,
  parseSip,
  type SipHeader,
  type SipRequest,
  type SipResponse,
  serialiseSip,
  uriUser,
} from './message.ts';
import { createPacer, type Pacer } from './rtp.ts';
import { buildSdpAnswer, parseSdpOffer, type SdpOffer } from './sdp.ts';
import { type AudioFor, createSession, type Engine, type Session, type SessionLog } from './session.ts';

export interface SipAgentOptions {
  /** Where to listen for SIP, e.g. 0.0.0.0 and 5060. */
  host: string;
  port: number;
  rtpPorts: PortRange;
  /** The address we put in SDP and Contact (what the caller can reach); defaults to `host`. */
  advertise?: string;
  engine: Engine;
  audioFor: AudioFor;
  log: SessionLog & { debug?(obj: object, msg: string): void };
  /** Silence that ends a recording, in seconds (default 5). */
  silenceSeconds?: number;
  /** One pacer per process normally; a test or bench may share or inspect one. */
  pacer?: Pacer;
}

export interface SipAgent {
  readonly address: { host: string; port: number };
  /** Calls up or being set up now. */
  readonly calls: number;
  readonly pacer: Pacer;
  /** Ends every call (BYE) and closes the sockets. */
  stop(): Promise<void>;
}

type DialogState = 'proceeding' | 'answered' | 'confirmed' | 'terminated';

interface Dialog {
  callId: string;
  localTag: string;
  state: DialogState;
  /** Where the INVITE came from: responses and our requests go there. */
  peer: { address: string; port: number };
  /** The INVITE's headers we answer with, and the To we use as our From. */
  invite: SipRequest;
  inviteSeq: number;
  lastInviteResponse: Buffer | null;
  retransmit: NodeJS.Timeout | null;
  /** Where our in-dialog requests go: the caller's Contact, behind any Record-Route. */
  remoteTarget: string;
  routes: string[];
  localSeq: number;
  sdp: { sessionId: number; version: number; telephoneEvent: number | null };
  media: CallMedia;
  session: Session | null;
  first: Instruction | null;
  call: TurnCall;
  infoSeen: Set<number>;
  /** Responses awaited for our own requests, by CSeq number. */
  pending: Map<number, (response: SipResponse) => void>;
}

const ALLOW = 'INVITE, ACK, BYE, CANCEL, OPTIONS, INFO, NOTIFY';
const KNOWN_METHODS = new Set(['REGISTER', 'SUBSCRIBE', 'MESSAGE', 'UPDATE', 'PRACK', 'PUBLISH', 'REFER']);
const T1 = 500;
const T2 = 4000;
/** How long an ended call's Call-ID is remembered, so retransmitted BYEs still get their 200. */
const LINGER_MS = 32_000;

export async function startSipAgent(options: SipAgentOptions): Promise<SipAgent> {
  const { log } = options;
  const advertise = options.advertise ?? options.host;
  const socket: Socket = createSocket({ type: options.host.includes(':') ? 'udp6' : 'udp4' });
  const pool = createPortPool(options.rtpPorts);
  const pacer = options.pacer ?? createPacer();
  const dialogs = new Map<string, Dialog>();
  const ended = new Map<string, NodeJS.Timeout>();
  const silenceMs = (options.silenceSeconds ?? 5) * 1000;
  let stopping = false;

  await new Promise<void>((resolve, reject) => {
    socket.once('error', reject);
    socket.bind(options.port, options.host, () => {
      socket.off('error', reject);
      resolve();
    });
  });
  const bound = socket.address();
  const contact = `<sip:civicline@${hostPort(advertise, bound.port)}>`;

  socket.on('error', (err) => log.warn({ err }, 'SIP socket error'));
  socket.on('message', (data, rinfo) => {
    try {
      const message = parseSip(data);
      if (message.kind === 'request') handleRequest(message, rinfo);
      else handleResponse(message);
    } catch (err) {
      log.warn(
        { err: (err as Error).message, from: `${rinfo.address}:${rinfo.port}`, bytes: data.length },
        'SIP datagram ignored',
      );
    }
  });

  function send(buffer: Buffer, to: { address: string; port: number }) {
    socket.send(buffer, to.port, to.address, (err) => {
      if (err) log.warn({ err, to }, 'SIP send failed');
    });
  }

  function response(
    req: SipRequest,
    status: number,
    reason: string,
    rinfo: RemoteInfo | Dialog['peer'],
    extra: SipHeader[] = [],
    body?: Buffer,
    toTag?: string,
  ): Buffer {
    const headers: SipHeader[] = [];
    let first = true;
    for (const h of req.headers) {
      if (h.name === 'Via') {
        // RFC 3581: fill in the port (and address) the request really came from.
        let value = h.value;
        if (first && /;\s*rport(?=;|$|\s)/i.test(value)) {
          value = value.replace(/;\s*rport(?=;|$|\s)/i, `;rport=${rinfo.port};received=${rinfo.address}`);
        }
        first = false;
        headers.push({ name: 'Via', value });
      } else if (h.name === 'Record-Route' && status >= 200 && status < 300 && req.method === 'INVITE') {
        headers.push(h);
      }
    }
    const to = headerValue(req.headers, 'To') as string;
    headers.push(
      { name: 'From', value: headerValue(req.headers, 'From') as string },
      { name: 'To', value: toTag && !headerParam(to, 'tag') ? `${to};tag=${toTag}` : to },
      { name: 'Call-ID', value: headerValue(req.headers, 'Call-ID') as string },
      { name: 'CSeq', value: headerValue(req.headers, 'CSeq') as string },
      { name: 'Server', value: 'CivicLine' },
      ...extra,
    );
    return serialiseSip({ kind: 'response', status, reason, headers, body: body ?? Buffer.alloc(0) });
  }

  function reply(
    req: SipRequest,
    rinfo: RemoteInfo | Dialog['peer'],
    status: number,
    reason: string,
    extra: SipHeader[] = [],
    body?: Buffer,
    toTag?: string,
  ) {
    const buffer = response(req, status, reason, rinfo, extra, body, toTag);
    send(buffer, rinfo);
    return buffer;
  }

  function handleRequest(req: SipRequest, rinfo: RemoteInfo) {
    const missing = missingMandatory(req);
    if (missing) {
      // Without a Via there is nowhere to answer; otherwise say what is wrong.
      if (headerValue(req.headers, 'Via')) {
        const fixed = { ...req, headers: withDefaults(req.headers) };
        reply(fixed, rinfo, 400, `Missing ${missing}`);
      }
      log.warn({ from: `${rinfo.address}:${rinfo.port}`, missing }, 'SIP request refused');
      return;
    }
    const callId = headerValue(req.headers, 'Call-ID') as string;
    const dialog = dialogs.get(callId);
    switch (req.method) {
      case 'INVITE':
        if (dialog) return reinvite(dialog, req, rinfo);
        if (stopping) return void reply(req, rinfo, 503, 'Service Unavailable');
        return void invite(req, rinfo).catch((err) => {
          log.error({ err, callId }, 'SIP INVITE failed');
        });
      case 'ACK':
        return ack(dialog, req);
      case 'BYE':
        if (!dialog) {
          return void reply(
            req,
            rinfo,
            ended.has(callId) ? 200 : 481,
            ended.has(callId) ? 'OK' : 'Call/Transaction Does Not Exist',
          );
        }
        reply(req, rinfo, 200, 'OK');
        return terminate(dialog, 'caller hung up');
      case 'CANCEL':
        if (!dialog) return void reply(req, rinfo, 481, 'Call/Transaction Does Not Exist');
        reply(req, rinfo, 200, 'OK');
        if (dialog.state === 'proceeding') {
          dialog.lastInviteResponse = reply(
            dialog.invite,
            dialog.peer,
            487,
            'Request Terminated',
            [],
            undefined,
            dialog.localTag,
          );
          terminate(dialog, 'caller cancelled');
        }
        return;
      case 'OPTIONS':
        return void reply(req, rinfo, 200, 'OK', [
          { name: 'Allow', value: ALLOW },
          { name: 'Accept', value: 'application/sdp, application/dtmf-relay, application/dtmf' },
        ]);
      case 'INFO':
        if (!dialog) return void reply(req, rinfo, 481, 'Call/Transaction Does Not Exist');
        return info(dialog, req, rinfo);
      case 'NOTIFY':
        // The progress of a transfer we asked for (REFER); we have already let the call go.
        return void reply(req, rinfo, dialog ? 200 : 481, dialog ? 'OK' : 'Call/Transaction Does Not Exist');
      default:
        if (KNOWN_METHODS.has(req.method)) {
          return void reply(req, rinfo, 405, 'Method Not Allowed', [{ name: 'Allow', value: ALLOW }]);
        }
        return void reply(req, rinfo, 501, 'Not Implemented', [{ name: 'Allow', value: ALLOW }]);
    }
  }

  async function invite(req: SipRequest, rinfo: RemoteInfo) {
    const callId = headerValue(req.headers, 'Call-ID') as string;
    if (ended.has(callId)) return void reply(req, rinfo, 481, 'Call/Transaction Does Not Exist');
    const peer = { address: rinfo.address, port: rinfo.port };
    const type = headerValue(req.headers, 'Content-Type')?.split(';')[0]?.trim().toLowerCase();
    let offer: SdpOffer | undefined;
    if (req.body.length > 0) {
      offer = type === 'application/sdp' ? parseSdpOffer(req.body.toString('latin1')) : undefined;
      if (!offer?.pcmu) {
        reply(req, peer, 488, 'Not Acceptable Here', [{ name: 'Accept', value: 'application/sdp' }]);
        return;
      }
    }
    reply(req, peer, 100, 'Trying');
    const media = await openMedia(pool, options.host, pacer, log);
    if (!media) {
      log.warn({ callId }, 'SIP call refused: no free RTP port');
      reply(req, peer, 503, 'Service Unavailable', [{ name: 'Retry-After', value: '5' }]);
      return;
    }
    // A retransmitted INVITE may have arrived while we opened the port: it is the same call.
    if (dialogs.has(callId)) {
      media.close();
      return;
    }
    const from = headerValue(req.headers, 'From') as string;
    const contactHeader = headerValue(req.headers, 'Contact');
    const dialog: Dialog = {
      callId,
      localTag: randomBytes(6).toString('hex'),
      state: 'proceeding',
      peer,
      invite: req,
      inviteSeq: parseCSeq(headerValue(req.headers, 'CSeq'))?.seq ?? 0,
      lastInviteResponse: null,
      retransmit: null,
      remoteTarget: addrUri(contactHeader ?? from),
      routes: headerValues(req.headers, 'Record-Route')
        .flatMap((v) => v.split(/,(?=\s*<)/))
        .map((v) => v.trim())
        .reverse(),
      localSeq: randomInt(1, 10_000),
      sdp: {
        sessionId: randomInt(1, 2 ** 31),
        version: 1,
        telephoneEvent: offer ? offer.telephoneEvent : 101,
      },
      media,
      session: null,
      first: null,
      call: {
        provider: 'sip',
        providerCallId: callId,
        caller: normaliseNumber(uriUser(from)),
        called: normaliseNumber(uriUser(headerValue(req.headers, 'To'))),
      },
      infoSeen: new Set(),
      pending: new Map(),
    };
    dialogs.set(callId, dialog);
    applyOffer(dialog, offer);
    dialog.lastInviteResponse = response(req, 100, 'Trying', peer);

    let first: Instruction;
    try {
      first = await options.engine(dialog.call, {});
    } catch (err) {
      log.error({ err, callId }, 'IVR engine failed to start a SIP call');
      if (dialog.state === 'proceeding') {
        dialog.lastInviteResponse = reply(
          req,
          peer,
          500,
          'Server Internal Error',
          [],
          undefined,
          dialog.localTag,
        );
        dialog.state = 'terminated';
        cleanup(dialog);
      }
      return;
    }
    if (dialog.state !== 'proceeding') {
      // Cancelled while the engine was thinking: it still hears that the caller went.
      await options
        .engine(dialog.call, { hangup: true })
        .catch((err) => log.error({ err, callId }, 'IVR engine failed'));
      return;
    }
    dialog.first = first;
    dialog.state = 'answered';
    const ok = response(
      req,
      200,
      'OK',
      peer,
      [
        { name: 'Contact', value: contact },
        { name: 'Allow', value: ALLOW },
        { name: 'Content-Type', value: 'application/sdp' },
      ],
      sdpBody(dialog, offer),
      dialog.localTag,
    );
    dialog.lastInviteResponse = ok;
    send(ok, peer);
    // The 200 is retransmitted (T1 doubling to T2) until the ACK; without one in 64 x T1 the call is dead.
    let interval = T1;
    let waited = 0;
    const again = () => {
      if (dialog.state !== 'answered') return;
      waited += interval;
      if (waited >= 64 * T1) {
        log.warn({ callId }, 'SIP call never acknowledged');
        sendBye(dialog);
        terminate(dialog, 'no ACK');
        return;
      }
      send(ok, peer);
      interval = Math.min(interval * 2, T2);
      dialog.retransmit = setTimeout(again, interval);
    };
    dialog.retransmit = setTimeout(again, interval);
  }

  function sdpBody(dialog: Dialog, offer: SdpOffer | undefined) {
    return Buffer.from(
      buildSdpAnswer({
        sessionId: dialog.sdp.sessionId,
        version: dialog.sdp.version,
        address: advertise,
        port: dialog.media.port,
        telephoneEvent: dialog.sdp.telephoneEvent,
        direction: offer?.direction ?? 'sendrecv',
      }),
      'latin1',
    );
  }

  function applyOffer(dialog: Dialog, offer: SdpOffer | undefined) {
    if (!offer) return;
    // Port 0, a stream held (sendonly) or inactive, or the old-style hold address 0.0.0.0: send nothing.
    const silent =
      offer.port === 0 ||
      offer.address === '0.0.0.0' ||
      offer.direction === 'inactive' ||
      offer.direction === 'sendonly';
    dialog.media.setRemote(
      silent ? null : { address: offer.address, port: offer.port },
      offer.telephoneEvent,
    );
    if (offer.telephoneEvent !== null) dialog.sdp.telephoneEvent = offer.telephoneEvent;
  }

  function reinvite(dialog: Dialog, req: SipRequest, rinfo: RemoteInfo) {
    const seq = parseCSeq(headerValue(req.headers, 'CSeq'))?.seq ?? 0;
    const toTag = headerParam(headerValue(req.headers, 'To'), 'tag');
    if (!toTag) {
      // The initial INVITE again (a retransmission): the same answer as before.
      if (dialog.lastInviteResponse) send(dialog.lastInviteResponse, rinfo);
      return;
    }
    if (toTag !== dialog.localTag || dialog.state === 'terminated') {
      return void reply(req, rinfo, 481, 'Call/Transaction Does Not Exist');
    }
    if (seq === dialog.inviteSeq && dialog.lastInviteResponse)
      return void send(dialog.lastInviteResponse, rinfo);
    let offer: SdpOffer | undefined;
    if (req.body.length > 0) {
      offer = parseSdpOffer(req.body.toString('latin1'));
      if (!offer?.pcmu) {
        return void reply(req, rinfo, 488, 'Not Acceptable Here');
      }
    }
    dialog.inviteSeq = seq;
    applyOffer(dialog, offer);
    dialog.sdp.version++;
    dialog.lastInviteResponse = reply(
      req,
      rinfo,
      200,
      'OK',
      [
        { name: 'Contact', value: contact },
        { name: 'Content-Type', value: 'application/sdp' },
      ],
      sdpBody(dialog, offer),
      dialog.localTag,
    );
  }

  function ack(dialog: Dialog | undefined, req: SipRequest) {
    if (dialog?.state !== 'answered') return; // an ACK for a 487, a repeat, or a stranger: absorbed
    const seq = parseCSeq(headerValue(req.headers, 'CSeq'))?.seq;
    if (seq !== dialog.inviteSeq) return;
    if (dialog.retransmit) clearTimeout(dialog.retransmit);
    dialog.retransmit = null;
    dialog.state = 'confirmed';
    // Late offer: the caller's SDP comes in the ACK.
    if (req.body.length > 0) applyOffer(dialog, parseSdpOffer(req.body.toString('latin1')));
    const session = createSession({
      call: dialog.call,
      media: dialog.media,
      engine: options.engine,
      audioFor: options.audioFor,
      log,
      silenceMs,
      hangUp: () => {
        if (dialog.state === 'terminated') return;
        sendBye(dialog);
        terminate(dialog, 'we hung up');
      },
      transfer: (number) => refer(dialog, number),
    });
    dialog.session = session;
    const first = dialog.first as Instruction;
    session.run(first).finally(() => {
      if (dialog.state !== 'terminated') {
        sendBye(dialog);
        terminate(dialog, 'flow ended');
      }
    });
  }

  function info(dialog: Dialog, req: SipRequest, rinfo: RemoteInfo) {
    reply(req, rinfo, 200, 'OK');
    const seq = parseCSeq(headerValue(req.headers, 'CSeq'))?.seq ?? 0;
    if (dialog.infoSeen.has(seq)) return; // a retransmission
    dialog.infoSeen.add(seq);
    const digit = parseDtmfInfo(headerValue(req.headers, 'Content-Type'), req.body.toString('latin1'));
    if (digit) dialog.session?.digit(digit);
  }

  function handleResponse(res: SipResponse) {
    const callId = headerValue(res.headers, 'Call-ID');
    const cseq = parseCSeq(headerValue(res.headers, 'CSeq'));
    const dialog = callId ? dialogs.get(callId) : undefined;
    if (!dialog || !cseq || res.status < 200) return;
    const waiter = dialog.pending.get(cseq.seq);
    if (waiter) {
      dialog.pending.delete(cseq.seq);
      waiter(res);
    }
  }

  /** Sends a request in the dialog, retransmitted (T1 doubling to T2) until a final response. */
  function request(
    dialog: Dialog,
    method: string,
    extra: SipHeader[] = [],
    body?: Buffer,
  ): Promise<SipResponse | null> {
    const seq = ++dialog.localSeq;
    const to = headerValue(dialog.invite.headers, 'To') as string;
    const message = serialiseSip({
      kind: 'request',
      method,
      uri: dialog.remoteTarget,
      headers: [
        {
          name: 'Via',
          value: `SIP/2.0/UDP ${hostPort(advertise, bound.port)};branch=z9hG4bK${randomBytes(8).toString('hex')};rport`,
        },
        ...dialog.routes.map((value) => ({ name: 'Route', value })),
        { name: 'Max-Forwards', value: '70' },
        { name: 'From', value: headerParam(to, 'tag') ? to : `${to};tag=${dialog.localTag}` },
        { name: 'To', value: headerValue(dialog.invite.headers, 'From') as string },
        { name: 'Call-ID', value: dialog.callId },
        { name: 'CSeq', value: `${seq} ${method}` },
        { name: 'User-Agent', value: 'CivicLine' },
        ...extra,
      ],
      body: body ?? Buffer.alloc(0),
    });
    return new Promise((resolve) => {
      let interval = T1;
      let waited = 0;
      let timer: NodeJS.Timeout;
      dialog.pending.set(seq, (res) => {
        clearTimeout(timer);
        resolve(res);
      });
      const again = () => {
        waited += interval;
        if (waited >= 64 * T1 || stopping) {
          dialog.pending.delete(seq);
          resolve(null);
          return;
        }
        send(message, dialog.peer);
        interval = Math.min(interval * 2, T2);
        timer = setTimeout(again, interval);
      };
      send(message, dialog.peer);
      timer = setTimeout(again, interval);
    });
  }

  function sendBye(dialog: Dialog) {
    // The dialog is forgotten at once; a late 200 for the BYE finds no waiter, which is harmless.
    void request(dialog, 'BYE');
  }

  async function refer(dialog: Dialog, number: string): Promise<boolean> {
    const host = addrUri(dialog.remoteTarget)
      .replace(/^sips?:(?:[^@]*@)?/, '')
      .split(/[;>]/)[0];
    const target = `sip:${encodeURIComponent(number).replace(/%2B/g, '+')}@${host}`;
    const res = await request(dialog, 'REFER', [
      { name: 'Refer-To', value: `<${target}>` },
      { name: 'Referred-By', value: contact },
      { name: 'Contact', value: contact },
    ]);
    return res !== null && res.status >= 200 && res.status < 300;
  }

  function terminate(dialog: Dialog, why: string) {
    if (dialog.state === 'terminated') return;
    const wasUp = dialog.session !== null;
    dialog.state = 'terminated';
    log.info({ callId: dialog.callId, why }, 'SIP call ended');
    if (wasUp) dialog.session?.ended();
    cleanup(dialog);
  }

  function cleanup(dialog: Dialog) {
    if (dialog.retransmit) clearTimeout(dialog.retransmit);
    dialog.retransmit = null;
    dialog.media.close();
    dialogs.delete(dialog.callId);
    const linger = setTimeout(() => ended.delete(dialog.callId), LINGER_MS);
    linger.unref();
    ended.set(dialog.callId, linger);
  }

  return {
    address: { host: bound.address, port: bound.port },
    pacer,
    get calls() {
      return dialogs.size;
    },
    async stop() {
      stopping = true;
      for (const dialog of [...dialogs.values()]) {
        if (dialog.state === 'confirmed' || dialog.state === 'answered') sendBye(dialog);
        terminate(dialog, 'service stopping');
      }
      for (const t of ended.values()) clearTimeout(t);
      ended.clear();
      // Let the BYEs leave before the socket closes.
      await new Promise((r) => setTimeout(r, 20));
      await new Promise<void>((r) => socket.close(() => r()));
    },
  };
}

function hostPort(host: string, port: number) {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

/** Headers a 400 needs to be a well-formed response, filled when the request lacked them. */
function withDefaults(headers: SipHeader[]): SipHeader[] {
  const out = [...headers];
  for (const [name, value] of [
    ['From', '<sip:unknown@invalid>'],
    ['To', '<sip:unknown@invalid>'],
    ['Call-ID', 'unknown'],
    ['CSeq', '0 UNKNOWN'],
  ] as const) {
    if (!headerValue(out, name)) out.push({ name, value });
  }
  return out;
}

/**
 * The caller's number from the SIP URI user part, in E.164 where it looks like one: `+91...` as is,
 * an international number without its `+` (11 to 15 digits, as many trunks send) with it. Anything
 * else (`anonymous`, an extension, a national number) is null: a caller's history is keyed by E.164.
 */
export function normaliseNumber(user: string | null): string | null {
  if (!user) return null;
  const n = user.replace(/[\s().-]/g, '');
  if (/^\+\d{6,15}$/.test(n)) return n;
  if (/^\d{11,15}$/.test(n) && !n.startsWith('0')) return `+${n}`;
  return null;
}
