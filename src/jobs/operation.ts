// Which operation and OCR engine a submitted job runs, and which inputs each operation takes,
// decided at submit (and checked again by fetchSource): pure rules, so a job the deployment cannot
// run, or the account may not run, is refused before anything is stored.
import { RedactifyError } from '../errors.js';
import { isVideoType, type InputType } from '../imaging/sniff.js';
import type { OcrEngineName, Operation, TJobOptions } from './manifest.js';

/** Scopes an admin grants to an account beyond redaction. `ocr` returns PHI unmasked. */
export const SCOPES = ['ocr'] as const;
export type Scope = (typeof SCOPES)[number];

/** Operations that need a scope, and which. */
const OPERATION_SCOPE: Partial<Record<Operation, Scope>> = { ocr: 'ocr' };

/**
 * What this deployment offers (ENABLED_OPERATIONS, OCR_ENGINE, the OCR engines configured,
 * whether a BG_REMOVAL_ENGINE is).
 */
export interface OperationSettings {
  enabled: readonly Operation[];
  defaultEngine: OcrEngineName;
  /** `tesseract` always; `tesseract-native` with TESSERACT_BIN; `azure` with its endpoint and key. */
  engines: readonly OcrEngineName[];
  bgRemovalConfigured: boolean;
}

/** What an engine needs before a job may ask for it. */
const ENGINE_SETTINGS: Record<OcrEngineName, string> = {
  tesseract: '',
  'tesseract-native': 'TESSERACT_BIN',
  azure: 'AZURE_DI_ENDPOINT, AZURE_DI_KEY',
};

/** What the workflow is told to do: not PHI, so it travels in the workflow input. */
export interface JobPlan {
  operation: Operation;
  ocrEngine: OcrEngineName;
}

/**
 * The job's operation and engine, or a typed refusal: `OPERATION_NOT_CONFIGURED` for an
 * operation this deployment does not offer (or `remove-background` with no engine to run it), `OPERATION_NOT_ALLOWED` when the caller lacks its
 * scope, `OCR_ENGINE_NOT_CONFIGURED` for an engine this deployment has not configured.
 */
export function planJob(
  options: Pick<TJobOptions, 'operation' | 'ocrEngine'>,
  scopes: readonly Scope[],
  settings: OperationSettings,
): JobPlan {
  const operation = options.operation ?? 'redact';
  if (!settings.enabled.includes(operation)) {
    throw new RedactifyError(
      'OPERATION_NOT_CONFIGURED',
      `The ${operation} operation is not enabled on this service (ENABLED_OPERATIONS)`,
    );
  }
  if (operation === 'remove-background' && !settings.bgRemovalConfigured) {
    throw new RedactifyError(
      'OPERATION_NOT_CONFIGURED',
      'The remove-background operation has no engine on this service (BG_REMOVAL_ENGINE)',
    );
  }
  const scope = OPERATION_SCOPE[operation];
  if (scope && !scopes.includes(scope)) {
    throw new RedactifyError(
      'OPERATION_NOT_ALLOWED',
      `The ${operation} operation returns unmasked text: an admin must grant this account the ${scope} scope`,
    );
  }
  const ocrEngine = options.ocrEngine ?? settings.defaultEngine;
  if (!settings.engines.includes(ocrEngine)) {
    throw new RedactifyError(
      'OCR_ENGINE_NOT_CONFIGURED',
      `The ${ocrEngine} OCR engine is not configured on this service (${ENGINE_SETTINGS[ocrEngine]})`,
    );
  }
  return { operation, ocrEngine };
}

/**
 * Refuses a video for any operation but `blur-faces` (`OPERATION_NOT_SUPPORTED`): `redact` reads
 * text with OCR page by page, which no video gets, so a video "redacted" would still show its text.
 */
export function checkOperationFits(
  operation: Operation,
  type: InputType,
  which = 'The file',
): void {
  if (isVideoType(type) && operation !== 'blur-faces') {
    throw new RedactifyError(
      'OPERATION_NOT_SUPPORTED',
      `${which} is a video; videos are accepted with options.operation "blur-faces" only`,
    );
  }
}
