/** The contract's PerformedVisit, as the simulator reports it to the reverse feed. */
export interface PerformedVisit {
  visitId: string;
  customerId: string;
  serviceOrderIds: string[];
  staffIds: string[];
  plannedStart: string;
  arrived: string;
  left: string;
  cancelled?: boolean;
  cancelReason?: string;
}
