// A chest radiograph exported with its annotation burned in, light text in the film's dark corners
// as DICOM viewers and modalities print the patient module (PatientName in `^`-separated PN form,
// PatientID, PatientBirthDate YYYYMMDD, PatientAge nnnY, AccessionNumber, StudyDate/StudyTime,
// InstitutionName), or the one-line `LAST FIRST [M] DOB` overlay of some modalities.
import { dicomName, ascii } from '../cast.js';
import { decoy, phi, SheetBuilder, type Sheet, type Style } from '../sheet.js';
import type { World } from '../world.js';
import { ageOn, formatClock, formatDay } from '../when.js';
import { cap } from './kit.js';

/** Film size in points (1200 × 1500 px at the 150 dpi the file records). */
export const FILM = { width: 576, height: 720 } as const;

export function xrayOverlay(w: World, variant: 'viewer' | 'modality'): Sheet[] {
  const { rng, patient: pt, ids } = w;
  const b = new SheetBuilder(w.doc, FILM.width, FILM.height, '#000000');
  b.backdrop = { kind: 'xray', seed: rng.int(1, 2 ** 30), body: { x: 64, y: 100, w: 448, h: 532 } };
  const style: Style =
    variant === 'viewer'
      ? { face: 'mono', size: 10.5, fill: '#f2f2f2', light: true }
      : { face: 'plex', size: 11, fill: '#e8e8e8', light: true };
  const small: Style = { ...style, size: style.size * 0.9, fill: '#d0d0d0' };
  const study = w.today;
  const clock = w.calendar.clock(true);
  const age = ageOn(pt.dob, study);
  const ageText = `${String(age).padStart(3, '0')}Y`;
  const ageSeg = age > 89 ? phi('AGE', ageText) : decoy('age', ageText);
  const acc = ids.accession('rad');
  const line = (i: number) => 20 + i * 15;
  const bottom = (i: number) => FILM.height - 14 - i * 15;
  const right = FILM.width - 12;
  const referrer = w.clinician().person;
  if (variant === 'viewer') {
    b.text(12, line(0), style, phi('NAME', dicomName(pt.person)));
    b.text(12, line(1), style, cap('ID:'), phi('MRN', pt.mrn));
    b.text(
      12,
      line(2),
      style,
      cap('DOB:'),
      phi('DATE', rng.chance(0.5) ? formatDay(pt.dob, 'dicom') : formatDay(pt.dob, 'mdy')),
    );
    b.text(12, line(3), style, pt.person.sex, ageSeg);
    b.text(12, line(4), style, cap('Acc:'), phi('OTHER_ID', acc));
    b.right(right, line(0), style, decoy('facility-name', ascii(w.facility.name).toUpperCase()));
    b.right(right, line(1), style, 'CR', 'CHEST', 'PA');
    const e = w.doc.entity();
    b.right(right, line(2), style, cap('Study Date:'), phi('DATE', formatDay(study, 'dicom'), e));
    b.right(right, line(3), style, cap('Study Time:'), phi('DATE', formatClock(clock, 'dicom'), e));
    b.right(right, line(4), style, cap('Se:'), '1', cap('Im:'), '1');
    b.text(
      12,
      bottom(2),
      small,
      decoy('imaging-parameter', `kVp:${rng.int(100, 125)}`),
      decoy('imaging-parameter', `mAs:${rng.int(1, 4)}.${rng.int(0, 9)}`),
    );
    b.text(
      12,
      bottom(1),
      small,
      decoy('imaging-parameter', `W:${rng.int(2800, 4095)}`),
      decoy('imaging-parameter', `L:${rng.int(1400, 2200)}`),
    );
    b.text(
      12,
      bottom(0),
      small,
      cap('Zoom:'),
      decoy('imaging-parameter', `${rng.float(0.3, 0.6).toFixed(2)}`),
      cap('Angle:'),
      decoy('imaging-parameter', '0'),
    );
    b.right(right, bottom(1), small, cap('Ref:'), phi('NAME', dicomName(referrer)));
    b.right(right, bottom(0), small, cap('Station:'), `CR-RM${rng.int(1, 6)}`);
  } else {
    const e = w.doc.entity();
    const family = ascii(pt.person.family).toUpperCase();
    const given = ascii(pt.person.given).toUpperCase();
    b.text(
      12,
      line(0),
      style,
      phi('NAME', family, e),
      phi('NAME', given, e),
      `[${pt.person.sex}]`,
      phi('DATE', formatDay(pt.dob, 'mdy')),
    );
    b.text(
      12,
      line(1),
      style,
      cap('DOB:'),
      phi('DATE', formatDay(pt.dob, rng.pick(['mdy', 'd-MON-y'] as const))),
      ageSeg,
    );
    b.text(12, line(2), style, cap('MRN'), phi('MRN', pt.mrn));
    b.right(right, line(0), style, decoy('facility-name', ascii(w.facility.name)));
    b.right(
      right,
      line(1),
      style,
      phi('DATE', `${formatDay(study, 'd-mon-y')} ${formatClock(clock, '24')}`),
    );
    b.right(right, line(2), style, cap('ACC#'), phi('OTHER_ID', acc));
    b.text(
      12,
      bottom(0),
      small,
      'PA',
      'ERECT',
      decoy('imaging-parameter', `${rng.int(100, 125)}kV`),
      decoy('imaging-parameter', `${rng.int(1, 4)}.${rng.int(0, 9)}mAs`),
      decoy('imaging-parameter', '180cm'),
    );
    b.right(
      right,
      bottom(0),
      small,
      cap('Tech:'),
      phi('NAME', `${ascii(w.cast.person().given).charAt(0)}. ${ascii(w.cast.person().family)}`),
    );
  }
  // The laterality marker burned in by the technologist.
  b.text(FILM.width - 60, 150, { face: 'plexBold', size: 26, fill: '#ffffff', light: true }, 'R');
  return [b.build()];
}
