// Histories recorded by earlier workflow code replay on today's: a change to the workflows that
// would break the jobs running during an upgrade fails here, not in production.
import { readFile } from 'node:fs/promises';
import { temporal } from '@temporalio/proto';
import { Worker } from '@temporalio/worker';
import { describe, expect, it } from 'vitest';
import { encryptedDataConverter } from '../../src/crypto/payload-codec.js';
import { WORKFLOWS_PATH } from '../../src/worker/workers.js';
import { installRuntime, TEST_KEY_RING } from '../support/pipeline.js';

const { History } = temporal.api.history.v1;
const { EventType } = temporal.api.enums.v1;

async function recorded(name: string) {
  const bytes = await readFile(new URL(`../fixtures/histories/${name}`, import.meta.url));
  return History.decode(bytes);
}

/** The activities scheduled by each workflow task, in order. */
function scheduledPerTask(history: temporal.api.history.v1.IHistory): string[][] {
  const tasks: string[][] = [];
  for (const event of history.events ?? []) {
    if (event.eventType === EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED) tasks.push([]);
    const name = event.activityTaskScheduledEventAttributes?.activityType?.name;
    if (name) tasks.at(-1)?.push(name);
  }
  return tasks.filter((t) => t.length > 0);
}

/** Replays a history on today's workflow code, with the tests' payload keys. */
function replay(history: temporal.api.history.v1.IHistory) {
  installRuntime(undefined);
  return Worker.runReplayHistory(
    { workflowsPath: WORKFLOWS_PATH, dataConverter: encryptedDataConverter(TEST_KEY_RING) },
    history,
  );
}

describe('workflow replay', () => {
  it('replays a redact job recorded when OCR and face detection ran side by side', async () => {
    // Recorded on 3b71740 (a one-page ID-card scan through the tests' pipeline, payloads
    // encrypted with the tests' key ring), before faces moved after OCR behind a patch.
    const history = await recorded('redact-ocr-beside-faces.bin');
    expect(scheduledPerTask(history)).toContainEqual(['ocrPage', 'findFaces']);
    await expect(replay(history)).resolves.toBeUndefined();
  }, 120_000);

  it('replays a two-page redact job recorded when each page was searched alone', async () => {
    // Recorded on 821a36c (a two-page TIFF through the tests' pipeline, payloads encrypted with
    // the tests' key ring), before the document-names patch.
    const history = await recorded('redact-two-pages-per-page.bin');
    const scheduled = scheduledPerTask(history).flat();
    expect(scheduled.filter((name) => name === 'detectPhi')).toHaveLength(2);
    expect(scheduled).not.toContain('collectDocumentNames');
    await expect(replay(history)).resolves.toBeUndefined();
  }, 120_000);
});
