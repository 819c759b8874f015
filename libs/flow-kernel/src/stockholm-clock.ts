/** Today's date in Stockholm (`YYYY-MM-DD`), whatever the server's own zone is: the contracts' dates are Stockholm dates. */
export function stockholmToday(now: Date = new Date()): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}
