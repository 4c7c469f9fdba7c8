import { describe, expect, it } from 'vitest';
import { readSipConfig } from './config.ts';

describe('SIP configuration', () => {
  it('is off without SIP_LISTEN', () => {
    expect(readSipConfig({})).toBeNull();
    expect(readSipConfig({ SIP_LISTEN: ' ' })).toBeNull();
  });

  it('reads the listen address, the RTP range and the advertised address', () => {
    expect(readSipConfig({ SIP_LISTEN: '127.0.0.1:5070', SIP_RTP_PORTS: '20000-20099' })).toEqual({
      host: '127.0.0.1',
      port: 5070,
      rtpPorts: { first: 20000, last: 20099 },
      advertise: '127.0.0.1',
      silenceSeconds: 5,
    });
    expect(readSipConfig({ SIP_LISTEN: '[::1]:5060' })).toMatchObject({
      host: '::1',
      port: 5060,
      advertise: '::1',
    });
    const any = readSipConfig({ SIP_LISTEN: '0.0.0.0:5060', SIP_ADVERTISE: '203.0.113.7' });
    expect(any).toMatchObject({
      host: '0.0.0.0',
      advertise: '203.0.113.7',
      rtpPorts: { first: 10000, last: 10999 },
    });
    expect(readSipConfig({ SIP_LISTEN: '0.0.0.0:5060' })?.advertise).not.toBe('0.0.0.0');
  });

  it('stops the start on a setting it cannot use', () => {
    expect(() => readSipConfig({ SIP_LISTEN: '5060' })).toThrow(/SIP_LISTEN/);
    expect(() => readSipConfig({ SIP_LISTEN: 'host:70000' })).toThrow(/SIP_LISTEN/);
    expect(() => readSipConfig({ SIP_LISTEN: 'h:5060', SIP_RTP_PORTS: '10000' })).toThrow(/SIP_RTP_PORTS/);
    expect(() => readSipConfig({ SIP_LISTEN: 'h:5060', SIP_RTP_PORTS: '80-90' })).toThrow(/SIP_RTP_PORTS/);
    expect(() => readSipConfig({ SIP_LISTEN: 'h:5060', SIP_RECORD_SILENCE_SECONDS: '0' })).toThrow(/SILENCE/);
  });
});
