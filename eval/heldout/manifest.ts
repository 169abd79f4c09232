// The held-out corpus's fixed plan: which layout, file format, resolution and scan each document
// gets. The seed changes every value on the page and the exact scan parameters, never the plan.
import type { HeldoutDocType } from '../corpus/types.js';
import type { Rng } from '../corpus/random.js';
import { cardPhotos, idPacket } from './layouts/cards.js';
import { cms1500 } from './layouts/cms1500.js';
import { faxPacket } from './layouts/fax.js';
import { handwrittenIntake } from './layouts/intake.js';
import { labRequisition } from './layouts/lab-requisition.js';
import { clinicalNote, clinicLetter } from './layouts/letters.js';
import { appointmentSchedule, portalPrintout } from './layouts/schedule.js';
import { ub04 } from './layouts/ub04.js';
import { xrayOverlay } from './layouts/xray.js';
import type { Placement } from './render.js';
import type { Degradation } from './scan.js';
import type { Sheet } from './sheet.js';
import type { World } from './world.js';

/** How a document is written to a file. */
export type Output =
  | { kind: 'png' }
  | { kind: 'jpeg'; quality: number }
  | { kind: 'tiff'; bilevel: boolean }
  | { kind: 'scanned-pdf'; quality: number }
  | { kind: 'text-pdf' };

export interface DocumentPlan {
  id: string;
  docType: HeldoutDocType;
  draw: (w: World) => Sheet[];
  output: Output;
  /** Raster resolution (text PDFs are scored at 300). */
  dpi: number;
  colour: boolean;
  /** The degradation and page placement, drawn per page from the document's stream. */
  scan: (rng: Rng) => { degradation: Degradation; placement: Placement };
  world?: { facility?: number; minAge?: number; maxAge?: number };
}

const clean = () => ({
  degradation: { kind: 'none' as const },
  placement: { rotate: 0, dx: 0, dy: 0, zoom: 1 },
});

const skew = (rng: Rng, min: number, max: number) =>
  (rng.chance(0.5) ? -1 : 1) * rng.float(min, max);

const faxed = (binarise: 'diffuse' | 'threshold') => (rng: Rng) => ({
  degradation: {
    kind: 'fax' as const,
    binarise,
    threshold: binarise === 'diffuse' ? 128 : rng.int(135, 160),
    pepper: rng.float(0.0002, 0.0012),
    salt: rng.float(0.0002, 0.001),
  },
  placement: {
    rotate: skew(rng, 0.5, 1.6),
    dx: rng.float(-12, 12),
    dy: rng.float(-10, 10),
    zoom: rng.float(0.97, 1),
  },
});

const photocopied = (rng: Rng) => ({
  degradation: {
    kind: 'photocopy' as const,
    paper: rng.int(205, 232),
    ink: rng.int(38, 78),
    grain: rng.float(3, 7),
    falloff: rng.float(8, 30),
    specks: rng.float(20, 120),
    blur: rng.float(0.4, 0.9),
  },
  placement: {
    rotate: skew(rng, 0.5, 2),
    dx: rng.float(-16, 16),
    dy: rng.float(-12, 12),
    zoom: rng.float(0.96, 1),
  },
});

const photographed = (rng: Rng) => ({
  degradation: {
    kind: 'camera' as const,
    grain: rng.float(3, 6),
    vignette: rng.float(0.08, 0.16),
    blur: rng.float(0.5, 0.9),
  },
  placement: {
    rotate: skew(rng, 0.8, 3),
    dx: rng.float(-10, 10),
    dy: rng.float(-8, 8),
    zoom: rng.float(0.94, 1),
  },
});

/** Twenty documents, about thirty pages, every output format, clean and scanned. */
export const PLAN: readonly DocumentPlan[] = [
  {
    id: 'h01-cms-1500',
    docType: 'cms-1500',
    draw: cms1500,
    output: { kind: 'tiff', bilevel: true },
    dpi: 200,
    colour: false,
    scan: faxed('threshold'),
  },
  {
    id: 'h02-cms-1500',
    docType: 'cms-1500',
    draw: cms1500,
    output: { kind: 'png' },
    dpi: 300,
    colour: false,
    scan: clean,
  },
  {
    id: 'h03-ub-04',
    docType: 'ub-04',
    draw: ub04,
    output: { kind: 'scanned-pdf', quality: 70 },
    dpi: 300,
    colour: false,
    scan: photocopied,
  },
  {
    id: 'h04-lab-requisition',
    docType: 'lab-requisition',
    draw: labRequisition,
    output: { kind: 'jpeg', quality: 88 },
    dpi: 300,
    colour: false,
    scan: clean,
    world: { facility: 4 },
  },
  {
    id: 'h05-lab-requisition',
    docType: 'lab-requisition',
    draw: labRequisition,
    output: { kind: 'png' },
    dpi: 200,
    colour: false,
    scan: photocopied,
    world: { facility: 4 },
  },
  {
    id: 'h06-fax-packet',
    docType: 'fax-packet',
    draw: faxPacket,
    output: { kind: 'tiff', bilevel: true },
    dpi: 200,
    colour: false,
    scan: faxed('diffuse'),
    world: { facility: 6 },
  },
  {
    id: 'h07-clinic-letter',
    docType: 'clinic-letter',
    draw: (w) => clinicLetter(w, { pdf: true }),
    output: { kind: 'text-pdf' },
    dpi: 300,
    colour: false,
    scan: clean,
    world: { minAge: 40, maxAge: 99 },
  },
  {
    id: 'h08-clinic-letter',
    docType: 'clinic-letter',
    draw: (w) => clinicLetter(w, { pdf: false }),
    output: { kind: 'jpeg', quality: 42 },
    dpi: 150,
    colour: false,
    scan: photocopied,
  },
  {
    id: 'h09-clinical-note',
    docType: 'clinical-note',
    draw: clinicalNote,
    output: { kind: 'tiff', bilevel: false },
    dpi: 300,
    colour: false,
    scan: clean,
  },
  {
    id: 'h10-clinical-note',
    docType: 'clinical-note',
    draw: clinicalNote,
    output: { kind: 'scanned-pdf', quality: 55 },
    dpi: 200,
    colour: false,
    scan: photocopied,
    world: { minAge: 60, maxAge: 102 },
  },
  {
    id: 'h11-insurance-card',
    docType: 'insurance-card',
    draw: (w) => cardPhotos(w, 'insurance'),
    output: { kind: 'scanned-pdf', quality: 72 },
    dpi: 200,
    colour: true,
    scan: photographed,
  },
  {
    id: 'h12-drivers-license',
    docType: 'drivers-license',
    draw: (w) => cardPhotos(w, 'licence').slice(0, 1),
    output: { kind: 'jpeg', quality: 68 },
    dpi: 200,
    colour: true,
    scan: photographed,
  },
  {
    id: 'h13-id-packet',
    docType: 'id-packet',
    draw: idPacket,
    output: { kind: 'png' },
    dpi: 200,
    colour: false,
    scan: photocopied,
  },
  {
    id: 'h14-xray-overlay',
    docType: 'xray-overlay',
    draw: (w) => xrayOverlay(w, 'viewer'),
    output: { kind: 'png' },
    dpi: 150,
    colour: false,
    scan: clean,
    world: { minAge: 30, maxAge: 97, facility: 3 },
  },
  {
    id: 'h15-xray-overlay',
    docType: 'xray-overlay',
    draw: (w) => xrayOverlay(w, 'modality'),
    output: { kind: 'jpeg', quality: 80 },
    dpi: 150,
    colour: false,
    scan: clean,
    world: { facility: 2 },
  },
  {
    id: 'h16-handwritten-intake',
    docType: 'handwritten-intake',
    draw: handwrittenIntake,
    output: { kind: 'tiff', bilevel: false },
    dpi: 200,
    colour: false,
    scan: photocopied,
    world: { minAge: 18, maxAge: 95 },
  },
  {
    id: 'h17-handwritten-intake',
    docType: 'handwritten-intake',
    draw: handwrittenIntake,
    output: { kind: 'scanned-pdf', quality: 60 },
    dpi: 300,
    colour: false,
    scan: faxed('diffuse'),
  },
  {
    id: 'h18-appointment-schedule',
    docType: 'appointment-schedule',
    draw: appointmentSchedule,
    output: { kind: 'tiff', bilevel: false },
    dpi: 200,
    colour: false,
    scan: clean,
  },
  {
    id: 'h19-portal-printout',
    docType: 'portal-printout',
    draw: portalPrintout,
    output: { kind: 'text-pdf' },
    dpi: 300,
    colour: false,
    scan: clean,
  },
  {
    id: 'h20-fax-packet',
    docType: 'fax-packet',
    draw: faxPacket,
    output: { kind: 'scanned-pdf', quality: 50 },
    dpi: 200,
    colour: false,
    scan: faxed('threshold'),
    world: { facility: 1 },
  },
];
