import { Link } from 'react-router';
import { formatMonth } from '../lib/format';
import { AGING_BUCKETS, presetLink, type AgingBucket } from '../lib/insights';
import { compare, formatMoney, parseDecimal, ratio } from '../lib/money';

const BUCKET_LABEL: Record<AgingBucket, string> = { current: 'Current', '1-30': '1–30 days', '31-60': '31–60 days', '60+': '60+ days' };

function max(values: string[]): string {
  return values.reduce((best, v) => {
    const d = parseDecimal(v);
    return d && compare(d, parseDecimal(best)!) > 0 ? v : best;
  }, '0');
}

/** Horizontal bars, one per aging bucket, each a link to the invoices it sums. */
export function AgingChart({ currency, aging }: { currency: string; aging: Record<AgingBucket, string> }) {
  const top = max(AGING_BUCKETS.map((b) => aging[b]));
  const titleId = `aging-title-${currency}`;
  const rowH = 34;
  return (
    <figure className="chart">
      <svg role="group" aria-labelledby={titleId} viewBox={`0 0 400 ${AGING_BUCKETS.length * rowH + 4}`} className="bars">
        <title id={titleId}>{`Aging of open invoices in ${currency}`}</title>
        {AGING_BUCKETS.map((bucket, i) => {
          const amount = aging[bucket];
          const w = Math.max(2, ratio(amount, top) * 200);
          const label = `${BUCKET_LABEL[bucket]}: ${formatMoney(amount, currency)}`;
          return (
            <Link key={bucket} to={presetLink({ kind: 'aging', bucket })} aria-label={`${label}, show invoices`}>
              <g className={`bar bucket-${i}`}>
                <text x="0" y={i * rowH + 21} className="bar-label">{BUCKET_LABEL[bucket]}</text>
                <rect x="95" y={i * rowH + 6} width={w} height="22" rx="4" />
                <text x={95 + w + 6} y={i * rowH + 21} className="bar-value">{formatMoney(amount, currency)}</text>
              </g>
            </Link>
          );
        })}
      </svg>
    </figure>
  );
}

/** Invoiced vs paid per month: paired columns, each a link to the invoices behind it. */
export function MonthlyChart({ currency, months }: { currency: string; months: { month: string; invoiced: string; paid: string }[] }) {
  const top = max(months.flatMap((m) => [m.invoiced, m.paid]));
  const titleId = `monthly-title-${currency}`;
  const colW = 60;
  const h = 150;
  return (
    <figure className="chart">
      <svg role="group" aria-labelledby={titleId} viewBox={`0 0 ${months.length * colW + 10} ${h + 40}`} className="columns">
        <title id={titleId}>{`Invoiced and paid per month in ${currency}`}</title>
        <line x1="0" x2={months.length * colW + 10} y1={h} y2={h} className="axis" />
        {months.map((m, i) => {
          const hi = Math.max(1, ratio(m.invoiced, top) * (h - 10));
          const hp = Math.max(1, ratio(m.paid, top) * (h - 10));
          const x = i * colW + 10;
          return (
            <g key={m.month}>
              <Link to={presetLink({ kind: 'invoiced', month: m.month })} aria-label={`Invoiced in ${formatMonth(m.month)}: ${formatMoney(m.invoiced, currency)}, show invoices`}>
                <rect x={x} y={h - hi} width="20" height={hi} className="col-invoiced" rx="3" />
              </Link>
              <Link to={presetLink({ kind: 'paid', month: m.month })} aria-label={`Paid in ${formatMonth(m.month)}: ${formatMoney(m.paid, currency)}, show invoices`}>
                <rect x={x + 22} y={h - hp} width="20" height={hp} className="col-paid" rx="3" />
              </Link>
              <text x={x + 21} y={h + 18} textAnchor="middle" className="col-label">{formatMonth(m.month)}</text>
            </g>
          );
        })}
      </svg>
      <figcaption className="legend">
        <span className="key key-invoiced" aria-hidden="true" /> Invoiced
        <span className="key key-paid" aria-hidden="true" /> Paid
      </figcaption>
    </figure>
  );
}
