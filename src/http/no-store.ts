// Answers from the API (and the Open311 endpoint's) carry personal data (a citizen's phone, a grievance's text, an export of a
// thousand of them), and a shared computer's browser cache or a proxy must not keep them. One hook marks
// every API answer `Cache-Control: no-store`, so no route can forget; a route whose answer is the same
// for everyone says so with a `public` cache-control of its own (the web app's settings), which is kept.
import type { FastifyInstance } from 'fastify';

export function installNoStore(app: FastifyInstance) {
  app.addHook('onSend', async (request, reply, payload) => {
    const path = request.url.split('?')[0] ?? '';
    if (!path.startsWith('/api/') && !path.startsWith('/open311/') && path !== '/metrics') return payload;
    const given = reply.getHeader('cache-control');
    if (typeof given === 'string' && /^\s*public\b/i.test(given)) return payload;
    reply.header('cache-control', 'no-store');
    return payload;
  });
}
