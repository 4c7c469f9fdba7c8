// The part of the `smpp` package (node-smpp 0.5, no types of its own) that CivicLine uses.
declare module 'smpp' {
  type EventEmitter = import('node:events').EventEmitter;
  type NetServer = import('node:net').Server;

  /** A PDU's fields are its SMPP parameters and TLVs, named as in the specification. */
  export interface PDU {
    command: string;
    command_status: number;
    sequence_number: number;
    [field: string]: unknown;
    response(options?: Record<string, unknown>): PDU;
    isResponse(): boolean;
  }

  export interface PDUConstructor {
    new (command: string, options?: Record<string, unknown>): PDU;
  }

  export interface Session extends EventEmitter {
    send(pdu: PDU, onResponse?: (response: PDU) => void, onSent?: (pdu: PDU) => void): boolean;
    close(callback?: () => void): void;
    destroy(callback?: () => void): void;
    pause(): void;
    resume(): void;
    connect(): void;
    socket: import('node:net').Socket;
    bind_transceiver(options: Record<string, unknown>, onResponse?: (pdu: PDU) => void): boolean;
    submit_sm(options: Record<string, unknown>, onResponse?: (pdu: PDU) => void): boolean;
    deliver_sm(options: Record<string, unknown>, onResponse?: (pdu: PDU) => void): boolean;
    enquire_link(options?: Record<string, unknown>, onResponse?: (pdu: PDU) => void): boolean;
    unbind(options?: Record<string, unknown>, onResponse?: (pdu: PDU) => void): boolean;
  }

  export interface Server extends NetServer {
    sessions: Session[];
  }

  export interface TlvType {
    read(buffer: Buffer, offset: number, length: number): unknown;
    write(value: unknown, buffer: Buffer, offset: number): void;
    size(value: unknown): number;
  }

  export function connect(
    options: { url?: string; host?: string; port?: number; auto_enquire_link_period?: number },
    listener?: () => void,
  ): Session;
  export function createServer(
    options: Record<string, unknown>,
    listener?: (session: Session) => void,
  ): Server;
  export function createServer(listener?: (session: Session) => void): Server;
  export function addTLV(tag: string, options: { id: number; type: TlvType; multiple?: boolean }): void;
  export const PDU: PDUConstructor;
  export const types: { tlv: Record<'int8' | 'int16' | 'int32' | 'cstring' | 'string' | 'buffer', TlvType> };
  export const errors: Record<string, number>;
  export const consts: Record<string, Record<string, number>>;
  export const encodings: Record<string, unknown>;
  export const gsmCoder: {
    encode(text: string, shift: number): Buffer;
    decode(text: Buffer | string, shift: number): string;
  };
}
