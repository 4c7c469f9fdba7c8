// Delivery reports from SMS-over-HTTP gateways: GET or POST (form or JSON) to
// /api/channels/sms/receipts?token=<SMS_RECEIPT_TOKEN>. The token is the report's credential (most
// gateways do not sign their callbacks; Africa's Talking does not): it is compared in constant time
// before anything is read, and a report without it is answered 401 and logged. Request logs carry the
// path, never the query, so the token is not written to them. Reports are applied through the delivery
// worker's receipts (src/notify/deliver.ts): stored first, so one that overtakes the recording of the
// send is applied when the send is recorded; a failure to store answers 500 and the gateway retries.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import { sameText } from '../../../access/secrets.ts';
import type { Deps } from '../../../deps.ts';
import { AppError } from '../../../errors.ts';
import { ErrorBody, errorResponses } from '../../../http/schemas.ts';
import { applyReceipt } from '../../../notify/deliver.ts';
import { acceptForms } from '../../voice/providers/common.ts';
import type { HttpSmsAdapter } from './adapter.ts';

const PATH = '/api/channels/sms/receipts';

const strings = (value: unknown): Record<string, string | undefined> =>
  value && typeof value === 'object'
    ? Object.fromEntries(
        Object.entries(value as Record<string, unknown>)
          .filter(([, v]) => typeof v === 'string' || typeof v === 'number')
          .map(([k, v]) => [k, String(v)]),
      )
    : {};

/** The SMS adapter if it is an HTTP gateway's (the settings may change while we run). */
function httpAdapter(deps: Deps): HttpSmsAdapter | null {
  const sms = deps.channels?.adapters.sms as HttpSmsAdapter | undefined;
  return sms && 'gateway' in sms ? sms : null;
}

export function smsReceiptRoutes(deps: Deps): FastifyPluginAsyncTypebox {
  return async (app) => {
    acceptForms(app);
    const handle = async (request: FastifyRequest) => {
      const adapter = httpAdapter(deps);
      const query = strings(request.query);
      const given = query.token ?? String(request.headers['x-receipt-token'] ?? '');
      if (!adapter || !given || !sameText(given, adapter.config.receiptToken)) {
        request.log.warn(
          { ip: request.ip, token: given ? 'wrong' : 'missing', configured: Boolean(adapter) },
          'sms delivery report refused: missing or wrong token',
        );
        throw new AppError('unauthenticated', 'a delivery report must carry the SMS_RECEIPT_TOKEN');
      }
      const receipts = adapter.gateway.receipts(
        { query, fields: strings(request.body), headers: request.headers },
        deps.clock.now(),
      );
      for (const receipt of receipts) await applyReceipt(deps.db, adapter.provider, receipt);
      if (!receipts.length)
        request.log.info({ ip: request.ip }, 'sms delivery report without a usable state');
      return { ok: true };
    };
    const schema = {
      tags: ['channels'],
      querystring: Type.Object(
        { token: Type.Optional(Type.String({ maxLength: 200 })) },
        { additionalProperties: true },
      ),
      response: { 200: Type.Object({ ok: Type.Boolean() }), ...errorResponses, 401: ErrorBody },
    };
    const config = { access: 'public' as const, auditedElsewhere: true, rateLimit: false as const };
    app.get(
      PATH,
      { schema: { ...schema, summary: 'Delivery report from an SMS gateway (query parameters)' }, config },
      handle,
    );
    app.post(
      PATH,
      {
        schema: {
          ...schema,
          summary: 'Delivery report from an SMS gateway (form or JSON body)',
          body: Type.Optional(Type.Object({}, { additionalProperties: true })),
        },
        config,
      },
      handle,
    );
  };
}
