/**
 * Where generated clients live, who assessed them and what they speak; their names are
 * the simulators' shared list (FIRST_NAMES, SURNAMES in @brygga/sim-scheduling-system).
 * Heavy on å ä ö for the same reason: losing them between encodings is the bug the demo
 * must expose.
 */
export const UMEA_STREETS: readonly string[] = [
  'Storgatan', 'Kungsgatan', 'Rådhusesplanaden', 'Skolgatan', 'Östra Kyrkogatan', 'Västra Esplanaden', 'Östra Esplanaden',
  'Nygatan', 'Järnvägsallén', 'Ålidbacken', 'Mariehemsvägen', 'Kronoparksvägen', 'Holmbäcksvägen', 'Ersbodavägen',
  'Axtorpsvägen', 'Rothoffsvägen', 'Tegsvägen', 'Öbackavägen', 'Västra Ågatan', 'Backenvägen', 'Sandåkern', 'Ålidhemsgatan',
  'Historievägen', 'Björkvägen', 'Döbelnsgatan', 'Tomtebovägen', 'Ridvägen', 'Haga Tvärgata', 'Pedagoggränd', 'Björnvägen',
  'Västra Strandgatan', 'Smörvägen', 'Öbacka Strand', 'Sävarvägen', 'Grubbevägen', 'Hjortronvägen', 'Löjtnantsgatan',
];

/** Postal code prefixes of Umeå (904: the part of HT-NORR that team NORR-2 serves). */
export const UMEA_POSTAL_PREFIXES: readonly (readonly [string, number])[] = [
  ['902', 10], ['903', 30], ['904', 20], ['905', 15], ['906', 15], ['907', 10],
];

export const ASSESSORS: readonly { id: string; name: string }[] = [
  { id: 'BH-017', name: 'Karin Lindqvist' },
  { id: 'BH-021', name: 'Sören Ölund' },
  { id: 'BH-003', name: 'Åsa Bergström' },
  { id: 'BH-008', name: 'Jörgen Häggström' },
  { id: 'BH-011', name: 'Maria Öhman' },
  { id: 'BH-014', name: 'Linnéa Åkerlund' },
  { id: 'BH-025', name: 'Pär Nyström' },
  { id: 'BH-030', name: 'Emelie Sjölander' },
];

/** ISO 639-1 preferred languages, by how often they occur. */
export const LANGUAGES: readonly (readonly [string, number])[] = [
  ['sv', 70], ['fi', 8], ['se', 3], ['ar', 5], ['fa', 3], ['so', 3], ['bs', 3], ['en', 3], ['ti', 2],
];
