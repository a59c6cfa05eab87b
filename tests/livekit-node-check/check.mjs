// Reads {apiKey, apiSecret, token?, webhook?: {body, auth}} as JSON on stdin and prints what the official
// livekit-server-sdk makes of it: the verified token claims, and whether the webhook is accepted.
import { TokenVerifier, WebhookReceiver } from 'livekit-server-sdk';

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const input = JSON.parse(Buffer.concat(chunks).toString('utf8'));
const result = {};

if (input.token) {
  try {
    result.token = { ok: true, claims: await new TokenVerifier(input.apiKey, input.apiSecret).verify(input.token) };
  } catch (error) {
    result.token = { ok: false, error: String(error?.message ?? error) };
  }
}

if (input.webhook) {
  try {
    const event = await new WebhookReceiver(input.apiKey, input.apiSecret).receive(input.webhook.body, input.webhook.auth);
    result.webhook = { ok: true, event: event.toJson() };
  } catch (error) {
    result.webhook = { ok: false, error: String(error?.message ?? error) };
  }
}

process.stdout.write(JSON.stringify(result));
