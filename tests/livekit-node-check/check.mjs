// Reads {apiKey, apiSecret, token?, webhook?: {body, auth}, requests?: [{type, json}]} as JSON on stdin and prints what
// the official livekit-server-sdk and its protobuf types make of it: the verified token claims, whether the webhook is
// accepted, and whether each Twirp request body decodes strictly (an unknown field or a wrong type is an error) as its
// request message, with the message as protobuf writes it back.
import { TokenVerifier, WebhookReceiver } from 'livekit-server-sdk';
import * as protocol from '@livekit/protocol';

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

if (input.requests) {
  result.requests = input.requests.map(({ type, json }) => {
    try {
      const message = protocol[type].fromJson(json);
      return { ok: true, message: message.toJson() };
    } catch (error) {
      return { ok: false, error: String(error?.message ?? error) };
    }
  });
}

process.stdout.write(JSON.stringify(result));
