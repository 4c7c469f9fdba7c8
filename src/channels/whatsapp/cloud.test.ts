// The outbound adapter against a local Graph API stand-in: free text inside the 24-hour window, the
// approved template outside it, Graph's errors sorted into retry and failed (an expired token failed,
// with a reason staff can act on), and media downloads that are size-capped and hash-checked.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Graph, startGraph } from '../../../test/graph.ts';
import type { RenderedMessage } from '../../notify/adapter.ts';
import { cloudClient, whatsappAdapter } from './cloud.ts';

describe('WhatsApp Cloud API adapter', () => {
  let graph: Graph;
  beforeAll(async () => {
    graph = await startGraph({ maxMediaBytes: 1000 });
  });
  afterAll(() => graph?.close());

  const message: RenderedMessage = {
    notificationId: 41,
    to: '+919812300010',
    language: 'hi',
    text: 'आपकी शिकायत K7M-4QX-9PR दर्ज हो गई है।',
    template: { id: 'grievance_registered', name: 'grievance_registered', params: ['K7M-4QX-9PR'] },
  };
  const adapter = (open: boolean) => whatsappAdapter(cloudClient(graph.config), async () => open);

  it('sends free text inside the window and names the notification for the status callbacks', async () => {
    const outcome = await adapter(true).send(message);
    expect(outcome.kind).toBe('sent');
    const sent = graph.sent.at(-1);
    expect(sent?.id).toBe((outcome as { providerId: string }).providerId);
    expect(sent?.body).toMatchObject({
      messaging_product: 'whatsapp',
      to: '919812300010',
      type: 'text',
      text: { body: message.text },
      biz_opaque_callback_data: 'notification:41',
    });
  });

  it('sends the approved template outside the window, and fails clearly when there is none', async () => {
    expect((await adapter(false).send(message)).kind).toBe('sent');
    expect(graph.sent.at(-1)?.body).toMatchObject({
      type: 'template',
      template: {
        name: 'grievance_registered',
        language: { code: 'hi' },
        components: [{ type: 'body', parameters: [{ type: 'text', text: 'K7M-4QX-9PR' }] }],
      },
    });
    const { template: _, ...bare } = message;
    const outcome = await adapter(false).send(bare);
    expect(outcome).toMatchObject({ kind: 'failed' });
    expect((outcome as { reason: string }).reason).toContain('24-hour window');
  });

  it('falls back to the template when Graph says the window has closed after all', async () => {
    graph.failNext(400, { code: 131047, message: 'Re-engagement message' });
    const before = graph.sent.length;
    expect((await adapter(true).send(message)).kind).toBe('sent');
    expect(graph.sent.slice(before).map((s) => s.type)).toEqual(['template']);
  });

  it('fails at once on an expired token, with a reason that says what to do', async () => {
    graph.failNext(401, { code: 190, message: 'Error validating access token: Session has expired' });
    const outcome = await adapter(true).send(message);
    expect(outcome.kind).toBe('failed');
    expect((outcome as { reason: string }).reason).toMatch(/access token has expired.*WHATSAPP_TOKEN/);
  });

  it('retries throttling, outages and an unreachable API; fails what Graph refuses for good', async () => {
    graph.failNext(429, { code: 130429, message: 'Rate limit hit' });
    expect(await adapter(true).send(message)).toMatchObject({ kind: 'retry', afterSeconds: 60 });
    graph.failNext(503, { code: 131016, message: 'Service unavailable' });
    expect((await adapter(true).send(message)).kind).toBe('retry');
    graph.failNext(400, { code: 100, message: 'Invalid parameter' });
    expect(await adapter(true).send(message)).toMatchObject({
      kind: 'failed',
      reason: 'WhatsApp API error 100: Invalid parameter',
    });
    const nowhere = whatsappAdapter(
      cloudClient({ ...graph.config, apiUrl: 'http://127.0.0.1:9' }),
      async () => true,
    );
    expect((await nowhere.send(message)).kind).toBe('retry');
  });

  it('downloads media by id with the token, refusing what is too large or does not match its hash', async () => {
    const client = cloudClient(graph.config);
    const photo = new Uint8Array(600).fill(7);
    graph.addMedia('m-ok', photo, 'image/jpeg');
    const ok = await client.downloadMedia('m-ok', createHash('sha256').update(photo).digest('base64'));
    expect(ok).toMatchObject({ ok: true, mimeType: 'image/jpeg' });
    expect(ok.ok && Buffer.from(ok.bytes).equals(Buffer.from(photo))).toBe(true);

    graph.addMedia('m-big', new Uint8Array(1500), 'image/jpeg');
    expect(await client.downloadMedia('m-big')).toMatchObject({ ok: false, problem: 'too_large' });
    // A server that understates the size is cut off while streaming.
    graph.addMedia('m-liar', new Uint8Array(1500), 'image/jpeg', { fileSize: 10 });
    expect(await client.downloadMedia('m-liar')).toMatchObject({ ok: false, problem: 'too_large' });
    graph.addMedia('m-bad', photo, 'image/jpeg', { sha256: 'ab'.repeat(32) });
    expect(await client.downloadMedia('m-bad')).toMatchObject({ ok: false, problem: 'hash_mismatch' });
    expect(await client.downloadMedia('m-missing')).toMatchObject({ ok: false, problem: 'unavailable' });
    const badToken = cloudClient({ ...graph.config, token: 'expired' });
    expect(await badToken.downloadMedia('m-ok')).toMatchObject({ ok: false, problem: 'unavailable' });
  });
});
