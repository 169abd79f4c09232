// Deterministic object keys: every activity writes to the same key on retry, so retries are idempotent.

const pageName = (index: number) => String(index).padStart(5, '0');

/** Object keys for one job, all under `jobs/{jobId}/` so a job can be listed or deleted as a unit. */
export const jobKeys = (jobId: string) => {
  const root = `jobs/${jobId}`;
  return {
    root,
    manifest: `${root}/manifest.json`,
    input: `${root}/input`,
    page: (index: number) => `${root}/pages/${pageName(index)}.png`,
    ocr: (index: number) => `${root}/ocr/${pageName(index)}.json`,
    entities: (index: number) => `${root}/entities/${pageName(index)}.json`,
    pageText: (index: number) => `${root}/text/${pageName(index)}.txt`,
    /** The name parts a document's pages hold (PHI), for the range of pages from `index`. */
    documentNames: (index: number) => `${root}/names/${pageName(index)}.json`,
    masked: (index: number) => `${root}/masked/${pageName(index)}.png`,
    cutout: (index: number) => `${root}/cutout/${pageName(index)}.png`,
    /** A video's segments as cut (video only), blurred, and what blurring each one found. */
    videoSegment: (index: number) => `${root}/video/segments/${pageName(index)}.mkv`,
    videoBlurred: (index: number) => `${root}/video/blurred/${pageName(index)}.mkv`,
    videoStats: (index: number) => `${root}/video/stats/${pageName(index)}.json`,
    output: (extension: string) => `${root}/output.${extension}`,
    report: `${root}/report.json`,
    text: `${root}/text.txt`,
    /** An `ocr` job's answer: every page's lines and words with boxes (PHI, unmasked). */
    words: `${root}/words.json`,
  };
};
