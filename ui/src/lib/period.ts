// The period of a summary or an impact report as the lead types it: empty dates mean the
// core's default (`months` before today, as the CLI does).
import type { Format } from './bindings/Format';
import type { SummaryOptions } from './bindings/SummaryOptions';
import { isDay } from './format';

/** What is wrong with the period typed, or `null`. */
export function periodProblem(since: string, until: string): string | null {
  if ((since !== '' && !isDay(since)) || (until !== '' && !isDay(until))) return 'Period: real days written YYYY-MM-DD.';
  if (since !== '' && until !== '' && since > until) return 'Period: it starts after it ends.';
  return null;
}

export function periodOptions(since: string, until: string, months: number | null, exclude: string[] = []): SummaryOptions {
  return {
    since: since === '' ? null : since,
    until: until === '' ? null : until,
    months: since === '' ? months : null,
    exclude,
  };
}

export const EXPORT_FORMATS: { value: Format; label: string }[] = [
  { value: 'pdf', label: 'PDF (typeset, fonts embedded)' },
  { value: 'html', label: 'HTML (self-contained)' },
  { value: 'md', label: 'Markdown' },
  { value: 'json', label: 'JSON (the model)' },
];
