// The formats a redacted document can be written in (MIME types and encoders: ./encode.ts).
export const OUTPUT_TYPES = ['png', 'jpeg', 'tiff', 'pdf'] as const;
export type OutputType = (typeof OUTPUT_TYPES)[number];

/**
 * What a job's result file is: a document of an output type (`outputFormat`), `json` (an `ocr`
 * job's words), or a video, always MP4.
 */
export const RESULT_TYPES = [...OUTPUT_TYPES, 'json', 'mp4'] as const;
export type ResultType = (typeof RESULT_TYPES)[number];
