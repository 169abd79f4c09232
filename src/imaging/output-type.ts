// The formats a redacted document can be written in (MIME types and encoders: ./encode.ts).
export const OUTPUT_TYPES = ['png', 'jpeg', 'tiff', 'pdf'] as const;
export type OutputType = (typeof OUTPUT_TYPES)[number];
/** What a job's result file is: a document of an output type, or `json` (an `ocr` job's words). */
export type ResultType = OutputType | 'json';
