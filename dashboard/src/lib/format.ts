// Dates and numbers in the user's locale (the browser's), never a hard-coded format.
const dateFmt = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeZone: 'UTC' });
const dateTimeFmt = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const monthFmt = new Intl.DateTimeFormat(undefined, { month: 'short', year: 'numeric', timeZone: 'UTC' });

/** A calendar date (YYYY-MM-DD) is a day, not an instant: shown as that day everywhere (UTC). */
export function formatDate(date: string | null | undefined): string {
  if (!date) return '—';
  return dateFmt.format(new Date(date.slice(0, 10) + 'T00:00:00Z'));
}

export function formatDateTime(instant: string | null | undefined): string {
  if (!instant) return '—';
  return dateTimeFmt.format(new Date(instant));
}

export function formatMonth(month: string): string {
  return monthFmt.format(new Date(month + '-01T00:00:00Z'));
}

export function humanize(text: string): string {
  const s = text.replace(/[_.]/g, ' ').replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  return s.charAt(0).toUpperCase() + s.slice(1);
}
