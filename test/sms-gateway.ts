// A local HTTP server standing in for SMS gateways: Africa's Talking (POST /version1/messaging, the
// `apiKey` header, a form body, answered with its SMSMessageData) and an Indian DLT gateway in the
// shape of Kaleyra's v4 API (GET /v4/?api_key=...&to=...&entity_id=...&template_id=..., answered with
// {status, data:[{id}]}). It checks the key as they do, records every request, and can be told how to
// answer the next ones (throttled, an invalid number, an outage) or to stop listening (down).
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface GatewayRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  form: Record<string, string>;
  headers: IncomingMessage['headers'];
  /** The message id the gateway gave it (when it accepted it). */
  id: string | null;
}

export interface Answer {
  status: number;
  body: string | object;
  headers?: Record<string, string>;
}

export interface Gateway {
  url: string;
  apiKey: string;
  requests: GatewayRequest[];
  /** Answers for the next requests, in order (then the normal acceptance). */
  next: Answer[];
  /** Stop listening: requests are refused at the socket, as when a gateway is down. */
  down(): Promise<void>;
  close(): Promise<void>;
}

export async function startGateway(apiKey = 'at-key-123'): Promise<Gateway> {
  let counter = 0;
  const gateway: Gateway = {
    url: '',
    apiKey,
    requests: [],
    next: [],
    down: async () => {
      await close(server);
    },
    close: async () => {
      await close(server).catch(() => undefined);
    },
  };
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const url = new URL(req.url ?? '/', 'http://gateway');
    const body = Buffer.concat(chunks).toString('utf8');
    const form = req.headers['content-type']?.includes('x-www-form-urlencoded')
      ? Object.fromEntries(new URLSearchParams(body))
      : {};
    const request: GatewayRequest = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      form,
      headers: req.headers,
      id: null,
    };
    gateway.requests.push(request);
    const send = (answer: Answer) => {
      res.writeHead(answer.status, {
        'content-type': typeof answer.body === 'string' ? 'text/plain' : 'application/json',
        ...(answer.headers ?? {}),
      });
      res.end(typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body));
    };
    const queued = gateway.next.shift();
    if (queued) return send(queued);
    if (url.pathname === '/version1/messaging') {
      if (req.headers.apikey !== apiKey)
        return send({ status: 401, body: 'The supplied authentication is invalid' });
      request.id = `ATXid_${++counter}`;
      return send({
        status: 201,
        body: {
          SMSMessageData: {
            Message: 'Sent to 1/1 Total Cost: KES 0.8000',
            Recipients: [
              {
                statusCode: 101,
                number: form.to,
                status: 'Success',
                cost: 'KES 0.8000',
                messageId: request.id,
              },
            ],
          },
        },
      });
    }
    if (url.pathname === '/v4/') {
      if (request.query.api_key !== apiKey)
        return send({
          status: 200,
          body: { status: 'A401B', message: 'Invalid API key', error: { code: 'A401B' } },
        });
      request.id = `${Date.now()}-${++counter}`;
      return send({
        status: 200,
        body: {
          status: 'OK',
          data: [
            {
              id: request.id,
              customid: request.query.custom,
              mobile: request.query.to,
              status: 'AWAITED-DLR',
            },
          ],
          message: 'Campaign of 1 numbers Submitted successfully.',
        },
      });
    }
    send({ status: 404, body: 'not found' });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  gateway.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return gateway;
}

function close(server: Server) {
  return new Promise<void>((resolve, reject) => {
    server.closeAllConnections();
    server.close((error) => (error ? reject(error) : resolve()));
  });
}
