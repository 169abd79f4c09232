// Which inputs each operation takes: pure, shared by the API (at submit) and fetchSource.
import { RedactifyError } from '../errors.js';
import { isVideoType, type InputType } from '../imaging/sniff.js';
import type { JobOperation } from './manifest.js';

/**
 * Refuses a video for any operation but `blur-faces` (`OPERATION_NOT_SUPPORTED`): `redact` reads
 * text with OCR page by page, which no video gets, so a video "redacted" would still show its text.
 */
export function checkOperationFits(
  operation: JobOperation,
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
