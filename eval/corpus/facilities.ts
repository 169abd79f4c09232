// The fictional facilities that issue corpus documents, and the public numbers that are safe.

/** A facility printed in letterheads. Its name and main line are public; its address is PHI here. */
export interface Facility {
  name: string;
  department: string;
  street: string;
  city: string;
  state: string;
  zip: string;
  /** The published main line; listed in `FACILITY_PUBLIC_NUMBERS`, so it is SAFE in truth. */
  mainLine: string;
  /** Host name for the facility's patient portal. */
  portalHost: string;
}

/**
 * Fixed across seeds, so the allow list below is stable. Addresses are marked ADDRESS in truth:
 * a facility's city and ZIP narrow where the patient lives, and Safe Harbor removes them.
 */
export const FACILITIES: readonly Facility[] = [
  {
    name: 'Harborview Regional Medical Center',
    department: 'Department of Medicine',
    street: '1200 Wharf Boulevard',
    city: 'Danvers',
    state: 'MA',
    zip: '01923',
    mainLine: '(978) 555-0100',
    portalHost: 'mychart.harborview-rmc.example.org',
  },
  {
    name: 'Maple Grove Family Health',
    department: 'Primary Care',
    street: '48 Orchard Lane, Suite 200',
    city: 'Amherst',
    state: 'MA',
    zip: '01002',
    mainLine: '(413) 555-0188',
    portalHost: 'portal.maplegrovefh.example.com',
  },
  {
    name: 'St. Brendan Hospital',
    department: 'Emergency Department',
    street: '77 Cathedral Street',
    city: 'Providence',
    state: 'RI',
    zip: '02903',
    mainLine: '(401) 555-0123',
    portalHost: 'connect.stbrendan.example.org',
  },
  {
    name: 'Lakeview Clinical Laboratories',
    department: 'Clinical Pathology',
    street: '3300 Research Parkway',
    city: 'Burlington',
    state: 'VT',
    zip: '05401',
    mainLine: '(802) 555-0147',
    portalHost: 'results.lakeviewlabs.example.com',
  },
  {
    name: 'Northgate Cardiology Associates',
    department: 'Cardiology',
    street: '15 Summit Avenue, Floor 3',
    city: 'Nashua',
    state: 'NH',
    zip: '03060',
    mainLine: '(603) 555-0190',
    portalHost: 'my.northgateheart.example.net',
  },
];

/**
 * Published main lines of the corpus facilities, exactly as printed. They are SAFE in the ground
 * truth (decoy kind `facility-public-number`); point the detector's allow list at this list.
 */
export const FACILITY_PUBLIC_NUMBERS: readonly string[] = FACILITIES.map((f) => f.mainLine);
