// A tenant's webhook receiver written from the README's recipe ("Verifying a webhook"), with nothing but Node's own
// modules. Usage: node receiver.mjs <whsec_ secret> <deliveries to verify before exiting>
// Prints "LISTENING <port>" once listening, then, after that many verified deliveries, one JSON line with what it saw.
import { createServer } from 'node:http';
import { createHmac, timingSafeEqual } from 'node:crypto';

const secret = process.argv[2];
const wanted = Number(process.argv[3] ?? 1);
const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
const toleranceSeconds = 5 * 60;

// The recipe: HMAC-SHA256 over "id.timestamp.body" with the secret's bytes; any "v1," entry may match.
function verify(headers, body) {
  const id = headers['webhook-id'];
  const timestamp = headers['webhook-timestamp'];
  const signatures = headers['webhook-signature'] ?? '';
  if (!id || !timestamp) return false;
  if (Math.abs(Date.now() / 1000 - Number(timestamp)) > toleranceSeconds) return false;
  const expected = createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest();
  return signatures.split(' ').some((entry) => {
    const [version, signature] = entry.split(',');
    if (version !== 'v1' || !signature) return false;
    const given = Buffer.from(signature, 'base64');
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
}

const seen = new Set();
const results = [];
const server = createServer((request, response) => {
  let body = '';
  request.setEncoding('utf8');
  request.on('data', (chunk) => { body += chunk; });
  request.on('end', () => {
    if (!verify(request.headers, body)) {
      results.push({ verified: false });
      response.writeHead(401).end();
      return;
    }
    const event = JSON.parse(body);
    // De-duplicate by the event id: a redelivery carries the same one.
    results.push({ id: event.id, type: event.type, verified: true, duplicate: seen.has(event.id) });
    seen.add(event.id);
    response.writeHead(204).end();
    if (results.filter((r) => r.verified).length >= wanted) {
      console.log(JSON.stringify(results));
      server.close();
    }
  });
});
server.listen(0, '127.0.0.1', () => console.log(`LISTENING ${server.address().port}`));
