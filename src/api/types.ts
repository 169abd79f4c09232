// Types shared by the API's routes.
import type { Client } from '@temporalio/client';
import type { RequestIdVariables } from 'hono/request-id';
import type { ObjectStore } from '../storage/object-store.js';

export type ApiEnv = { Variables: RequestIdVariables };

export interface ApiDeps {
  temporal: Client;
  store: ObjectStore;
  taskQueue: string;
  pageConcurrency: number;
  maxUploadBytes: number;
  maxFilesPerBatch: number;
  resultsMaxIds: number;
  resultsConcurrency: number;
}
