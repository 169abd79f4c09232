// The face-detection networks, by name: shared by the detector and the PHI vocabulary (no I/O).

/** The networks in @vladmandic/face-api's `model/`: a small YOLO-style one and SSD MobileNet v1. */
export const FACE_MODELS = ['tiny', 'ssd'] as const;
export type FaceModelName = (typeof FACE_MODELS)[number];

/** What a face entity reports as its `detector`, per network. */
export const FACE_DETECTOR_OF = {
  tiny: 'face-api/tiny_face_detector',
  ssd: 'face-api/ssd_mobilenetv1',
} as const satisfies Record<FaceModelName, string>;

export const FACE_DETECTORS = [FACE_DETECTOR_OF.tiny, FACE_DETECTOR_OF.ssd] as const;
export type FaceDetectorName = (typeof FACE_DETECTORS)[number];
