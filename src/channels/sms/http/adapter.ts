// The SMS-over-HTTP adapter: one per configured gateway, speaking through its provider file. The
// gateway splits long texts itself (and charges per part), so we only refuse texts longer than
// `maxParts`, as the SMPP adapter does.
//
// Sent twice? The gateways here take no idempotency key that we have seen honoured, so a crash between
// the gateway's answer and our recording it may send the message again (the bound in
// src/notify/deliver.ts). We pass the notification id where the API has a field for it (`{id}`).
import type { ChannelAdapter, RenderedMessage, SendOutcome } from '../../../notify/adapter.ts';
import { pacer } from '../../pace.ts';
import { segmentInfo } from '../encoding.ts';
import { africasTalking } from './africastalking.ts';
import { dltGateway } from './dlt-gateway.ts';
import type { HttpSmsConfig, HttpSmsProvider } from './provider.ts';

export const HTTP_SMS_PROVIDERS: Record<HttpSmsConfig['provider'], HttpSmsProvider> = {
  'dlt-http': dltGateway,
  africastalking: africasTalking,
};

export interface HttpSmsAdapter extends ChannelAdapter {
  config: HttpSmsConfig;
  provider: string;
  gateway: HttpSmsProvider;
}

export function createHttpSmsAdapter(config: HttpSmsConfig, maxParts = 6): HttpSmsAdapter {
  const gateway = HTTP_SMS_PROVIDERS[config.provider];
  const slot = pacer(config.tps);
  return {
    kind: 'sms',
    provider: gateway.name,
    config,
    gateway,
    async send(message: RenderedMessage): Promise<SendOutcome> {
      const parts = segmentInfo(message.text).parts;
      if (parts > maxParts)
        return {
          kind: 'failed',
          reason: `the text needs ${parts} SMS parts, more than SMS_MAX_PARTS (${maxParts})`,
        };
      const request = gateway.request(message, config);
      await slot();
      let response: Response;
      let body: string;
      try {
        response = await fetch(request.url, {
          method: request.method,
          headers: request.headers,
          body: request.body,
          signal: AbortSignal.timeout(config.timeoutMs),
        });
        body = await response.text();
      } catch (error) {
        // Refused, reset, DNS, or no answer in time: the gateway is down or unreachable, so try later.
        const cause = (error as { cause?: { code?: string } }).cause?.code;
        const reason =
          error instanceof Error && error.name === 'TimeoutError'
            ? 'no answer in time'
            : (cause ?? String(error));
        return { kind: 'retry', reason: `could not reach the SMS gateway: ${reason}` };
      }
      return gateway.outcome(response.status, body, response.headers, config);
    },
  };
}
