// A minimal IMAP4rev1 server on loopback (LOGIN only, no SASL), enough for the IMAP poller (src/channels/email/imap.ts) and
// the client library it uses: greeting with capabilities, LOGIN (also as literals), CAPABILITY, ID,
// NAMESPACE, LIST, LSUB, SELECT/EXAMINE, SEARCH/UID SEARCH (UNSEEN, ALL), FETCH/UID FETCH of the UID, FLAGS
// and the whole message, STORE/UID STORE of flags, NOOP, CLOSE and LOGOUT. Anything else is answered
// BAD, so a client that needs more fails loudly here rather than in production. It records every
// command, so a test can see what was asked and in which order.

import type { AddressInfo } from 'node:net';
import { createServer, type Server, type Socket } from 'node:net';

export interface StoredMail {
  uid: number;
  flags: Set<string>;
  source: Buffer;
}

export interface ImapServer {
  url: string;
  user: string;
  password: string;
  mailbox: StoredMail[];
  /** Every command received, without its tag (LOGIN's password masked). */
  commands: string[];
  add(source: string | Buffer, flags?: string[]): StoredMail;
  close(): Promise<void>;
}

export async function startImap(
  user = 'helpline@example.org',
  password = 'imap "secret"',
): Promise<ImapServer> {
  let nextUid = 1;
  const sockets = new Set<Socket>();
  const imap: ImapServer = {
    url: '',
    user,
    password,
    mailbox: [],
    commands: [],
    add(source, flags = []) {
      const mail = {
        uid: nextUid++,
        flags: new Set(flags),
        source: Buffer.isBuffer(source) ? source : Buffer.from(source),
      };
      imap.mailbox.push(mail);
      return mail;
    },
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };

  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    let buffer = Buffer.alloc(0);
    /** A command being read: its text so far and the literals it carries. */
    let pending: { text: string; args: string[] } | null = null;
    let literalBytes = 0;
    let authed = false;
    let selected = false;
    const write = (line: string | Buffer) => socket.write(line);
    write('* OK [CAPABILITY IMAP4rev1] CivicLine test IMAP ready\r\n');

    socket.on('data', (chunk: Buffer) => {
      buffer = Buffer.concat([buffer, chunk]);
      for (;;) {
        if (literalBytes > 0) {
          if (buffer.length < literalBytes) return;
          pending?.args.push(buffer.subarray(0, literalBytes).toString('utf8'));
          if (pending) pending.text += '\u0000';
          buffer = buffer.subarray(literalBytes);
          literalBytes = 0;
        }
        const end = buffer.indexOf('\r\n');
        if (end < 0) return;
        const line = buffer.subarray(0, end).toString('utf8');
        buffer = buffer.subarray(end + 2);
        const literal = /\{(\d+)\+?\}$/.exec(line);
        if (literal) {
          pending = pending ?? { text: '', args: [] };
          pending.text += line.slice(0, literal.index);
          literalBytes = Number(literal[1]);
          if (!literal[0].includes('+')) write('+ go ahead\r\n');
          continue;
        }
        const whole = pending ? { text: pending.text + line, args: pending.args } : { text: line, args: [] };
        pending = null;
        handle(whole.text, whole.args);
      }
    });

    /** The command's words: atoms, quoted strings, parenthesised lists kept whole, literals by position. */
    function words(text: string, literals: string[]): string[] {
      const out: string[] = [];
      let i = 0;
      let nextLiteral = 0;
      while (i < text.length) {
        const ch = text[i] as string;
        if (ch === ' ') {
          i++;
        } else if (ch === '\u0000') {
          out.push(literals[nextLiteral++] ?? '');
          i++;
        } else if (ch === '"') {
          let value = '';
          i++;
          while (i < text.length && text[i] !== '"') {
            if (text[i] === '\\') i++;
            value += text[i];
            i++;
          }
          i++;
          out.push(value);
        } else if (ch === '(') {
          let depth = 0;
          const start = i;
          do {
            if (text[i] === '(') depth++;
            if (text[i] === ')') depth--;
            i++;
          } while (depth > 0 && i < text.length);
          out.push(text.slice(start, i));
        } else {
          const start = i;
          while (i < text.length && text[i] !== ' ' && text[i] !== '\u0000') {
            if (text[i] === '[') while (i < text.length && text[i] !== ']') i++;
            i++;
          }
          out.push(text.slice(start, i));
        }
      }
      return out;
    }

    function handle(text: string, literals: string[]) {
      const [tag = '*', rawCommand = '', ...args] = words(text, literals);
      let command = rawCommand.toUpperCase();
      let uidMode = false;
      if (command === 'UID') {
        uidMode = true;
        command = `${(args.shift() ?? '').toUpperCase()}`;
      }
      imap.commands.push(
        command === 'LOGIN'
          ? `LOGIN ${args[0]} ***`
          : `${uidMode ? 'UID ' : ''}${command} ${args.join(' ')}`.trim(),
      );
      const ok = (message = `${command} completed`) => write(`${tag} OK ${message}\r\n`);
      const no = (message: string) => write(`${tag} NO ${message}\r\n`);
      const bad = (message: string) => write(`${tag} BAD ${message}\r\n`);
      switch (command) {
        case 'CAPABILITY':
          write(`* CAPABILITY IMAP4rev1${authed ? ' ID' : ''}\r\n`);
          return ok();
        case 'NOOP':
          return ok();
        case 'ID':
          write('* ID ("name" "civicline-test-imap")\r\n');
          return ok();
        case 'LOGIN':
          if (args[0] === user && args[1] === password) {
            authed = true;
            return ok('[CAPABILITY IMAP4rev1 ID] LOGIN completed');
          }
          return no('[AUTHENTICATIONFAILED] invalid credentials');
        case 'LOGOUT':
          write('* BYE logging out\r\n');
          ok();
          socket.end();
          return;
      }
      if (!authed) return bad('log in first');
      switch (command) {
        case 'NAMESPACE':
          write('* NAMESPACE (("" "/")) NIL NIL\r\n');
          return ok();
        case 'LIST':
        case 'LSUB':
          if (args[1] === '') write(`* ${command} (\\Noselect) "/" ""\r\n`);
          else write(`* ${command} (\\HasNoChildren) "/" INBOX\r\n`);
          return ok();
        case 'SELECT':
        case 'EXAMINE': {
          if ((args[0] ?? '').toUpperCase() !== 'INBOX') return no('[NONEXISTENT] no such mailbox');
          selected = true;
          write('* FLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft)\r\n');
          write(
            '* OK [PERMANENTFLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft \\*)] flags allowed\r\n',
          );
          write(`* ${imap.mailbox.length} EXISTS\r\n`);
          write('* 0 RECENT\r\n');
          write('* OK [UIDVALIDITY 1700000000] UIDs valid\r\n');
          write(`* OK [UIDNEXT ${nextUid}] next UID\r\n`);
          return ok(`[${command === 'SELECT' ? 'READ-WRITE' : 'READ-ONLY'}] ${command} completed`);
        }
        case 'CLOSE':
          selected = false;
          return ok();
      }
      if (!selected) return bad('select a mailbox first');
      switch (command) {
        case 'SEARCH': {
          const criteria = args.join(' ').toUpperCase();
          const found = imap.mailbox
            .map((m, i) => ({ m, seq: i + 1 }))
            .filter(({ m }) =>
              criteria.includes('UNSEEN') || criteria.includes('NOT SEEN') ? !m.flags.has('\\Seen') : true,
            );
          write(`* SEARCH${found.map(({ m, seq }) => ` ${uidMode ? m.uid : seq}`).join('')}\r\n`);
          return ok();
        }
        case 'FETCH': {
          const items = (args[1] ?? '').toUpperCase();
          for (const [i, m] of select(args[0] ?? '', uidMode)) {
            const parts = [`UID ${m.uid}`];
            if (items.includes('FLAGS')) parts.push(`FLAGS (${[...m.flags].join(' ')})`);
            if (items.includes('RFC822.SIZE')) parts.push(`RFC822.SIZE ${m.source.length}`);
            if (items.includes('BODY.PEEK[]') || items.includes('BODY[]')) {
              write(`* ${i + 1} FETCH (${parts.join(' ')} BODY[] {${m.source.length}}\r\n`);
              write(m.source);
              write(')\r\n');
              if (items.includes('BODY[]') && !items.includes('PEEK')) m.flags.add('\\Seen');
            } else write(`* ${i + 1} FETCH (${parts.join(' ')})\r\n`);
          }
          return ok();
        }
        case 'STORE': {
          const [set = '', action = '', flagList = ''] = args;
          const flags = flagList.replace(/[()]/g, '').split(' ').filter(Boolean);
          for (const [i, m] of select(set, uidMode)) {
            for (const flag of flags) {
              if (action.toUpperCase().startsWith('+')) m.flags.add(flag);
              else if (action.toUpperCase().startsWith('-')) m.flags.delete(flag);
            }
            if (!action.toUpperCase().includes('SILENT'))
              write(`* ${i + 1} FETCH (UID ${m.uid} FLAGS (${[...m.flags].join(' ')}))\r\n`);
          }
          return ok();
        }
      }
      return bad(`${command} is not supported by this test server`);
    }
  });

  /** Messages named by a sequence set (1,3:5,7:*) of sequence numbers or UIDs, with their index. */
  function select(set: string, byUid: boolean): [number, StoredMail][] {
    const max = byUid ? Math.max(0, ...imap.mailbox.map((m) => m.uid)) : imap.mailbox.length;
    const wanted = (n: number) =>
      set.split(',').some((range) => {
        const [a = '', b] = range.split(':');
        const lo = a === '*' ? max : Number(a);
        const hi = b === undefined ? lo : b === '*' ? max : Number(b);
        return n >= Math.min(lo, hi) && n <= Math.max(lo, hi);
      });
    return imap.mailbox
      .map((m, i) => [i, m] as [number, StoredMail])
      .filter(([i, m]) => wanted(byUid ? m.uid : i + 1));
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  imap.url = `imap://${encodeURIComponent(user)}:${encodeURIComponent(password)}@127.0.0.1:${(server.address() as AddressInfo).port}?tls=off`;
  return imap;
}
