// A workflow's history as one searchable text: every string, and every payload decoded through
// the client's payload codecs (so the search sees what the payloads carry, encrypted or not).
import type { Client } from '@temporalio/client';
import type { Payload } from '@temporalio/common';

const isPayload = (value: object): value is Payload => 'data' in value && 'metadata' in value;

/** Every string and every decoded payload of a workflow's history, joined by newlines. */
export async function historyText(client: Client, workflowId: string): Promise<string> {
  const history = await client.workflow.getHandle(workflowId).fetchHistory();
  const strings: string[] = [];
  const payloads: Payload[] = [];
  const walk = (value: unknown): void => {
    if (typeof value === 'string') strings.push(value);
    else if (value instanceof Uint8Array) strings.push(Buffer.from(value).toString('utf8'));
    else if (Array.isArray(value)) value.forEach(walk);
    else if (value && typeof value === 'object') {
      if (isPayload(value)) payloads.push(value);
      Object.values(value).forEach(walk);
    }
  };
  walk(history);
  let decoded = payloads;
  for (const codec of [...client.options.loadedDataConverter.payloadCodecs].reverse()) {
    decoded = await codec.decode(decoded);
  }
  for (const payload of decoded) strings.push(Buffer.from(payload.data ?? []).toString('utf8'));
  return strings.join('\n');
}
