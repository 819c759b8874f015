/**
 * The demo municipality's scheduling units and their employment numbers.
 *
 * Shared by the scheduling simulator (which rosters these people) and the case
 * simulator (which names them as fixed care contacts), so the two simulators agree
 * on who exists without talking to each other. Every unit has at least
 * MIN_EMPLOYEES_PER_UNIT employees; the case simulator only picks among those.
 */
export interface DemoUnit {
  readonly id: string;
  readonly name: string;
  readonly costCenter: string;
  /** Unit number used in employment numbers: E<unitNo><3-digit index>. */
  readonly unitNo: number;
}

export const DEMO_UNITS: readonly DemoUnit[] = [
  { id: 'NORR-1', name: 'Hemtjänst Norr, arbetslag 1', costCenter: '4711', unitNo: 11 },
  { id: 'NORR-2', name: 'Hemtjänst Norr, arbetslag 2', costCenter: '4712', unitNo: 12 },
  { id: 'VAST-1', name: 'Hemtjänst Väst, arbetslag 1', costCenter: '4721', unitNo: 13 },
  { id: 'NATT', name: 'Nattpatrullen', costCenter: '4790', unitNo: 14 },
  { id: 'OH-1', name: 'Omsorgshuset, arbetslag 1', costCenter: '9001', unitNo: 15 },
];

export const MIN_EMPLOYEES_PER_UNIT = 6;
export const MAX_EMPLOYEES_PER_UNIT = 10;

/** Employment number of the index-th (0-based) employee of a unit, e.g. E11000. */
export function employmentNumber(unitId: string, index: number): string {
  const unit = DEMO_UNITS.find((u) => u.id === unitId);
  if (!unit) throw new Error(`unknown demo unit ${unitId}`);
  return `E${unit.unitNo}${String(index).padStart(3, '0')}`;
}
