import { Link } from 'react-router';
import { all, invoices, payments } from '../api/endpoints';
import { AgingChart, MonthlyChart } from '../components/Charts';
import { Card, ErrorBanner, Loading, PageTitle } from '../components/ui';
import { formatMonth } from '../lib/format';
import { computeInsights, presetLink, todayUtc, type Preset } from '../lib/insights';
import { formatMoney } from '../lib/money';
import { usePolling } from '../lib/usePolling';
import { useSession } from '../session';

export async function loadEverything() {
  const [inv, pay] = await Promise.all([
    all((cursor) => invoices.list({ cursor })),
    all((cursor) => payments.list({ cursor })),
  ]);
  return { invoices: inv, payments: pay };
}

function Figure({ title, totals, preset }: { title: string; totals: Record<string, string>; preset: Preset }) {
  const entries = Object.entries(totals);
  return (
    <Card className="figure" title={title}>
      {entries.length === 0 ? (
        <p className="figure-value"><Link to={presetLink(preset)} aria-label={`${title}: none, show invoices`}>—</Link></p>
      ) : (
        <ul className="figure-list">
          {entries.map(([currency, amount]) => (
            <li key={currency}>
              <Link className="figure-value" to={presetLink(preset)} aria-label={`${title} in ${currency}: ${formatMoney(amount, currency)}, show invoices`}>
                {formatMoney(amount, currency)}
              </Link>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}

export function HomePage() {
  const { session, canWrite } = useSession();
  const { data, error, loading } = usePolling(loadEverything, []);
  const today = todayUtc();
  const insights = data ? computeInsights(data.invoices, data.payments, today) : null;

  return (
    <>
      <PageTitle actions={canWrite && <Link className="button button-primary" to="/invoices/new">New invoice</Link>}>
        Welcome, {session?.user.username}
      </PageTitle>
      <ErrorBanner error={error} />
      {loading && !data && <Loading />}
      {insights && (
        <>
          <div className="figures">
            <Figure title="Outstanding" totals={insights.outstanding} preset={{ kind: 'outstanding' }} />
            <Figure title="Overdue" totals={insights.overdue} preset={{ kind: 'overdue' }} />
            <Figure title={`Paid in ${formatMonth(today.slice(0, 7))}`} totals={insights.paidThisMonth} preset={{ kind: 'paid-this-month' }} />
          </div>
          <div className="charts">
            <Card title="Aging of open invoices">
              {Object.keys(insights.aging).length === 0 ? <p className="muted">No open invoices.</p>
                : Object.entries(insights.aging).map(([c, a]) => (
                  <div key={c}><h3 className="chart-currency">{c}</h3><AgingChart currency={c} aging={a} /></div>
                ))}
            </Card>
            <Card title="Invoiced vs paid per month">
              {Object.keys(insights.monthly).length === 0 ? <p className="muted">Nothing invoiced yet.</p>
                : Object.entries(insights.monthly).map(([c, m]) => (
                  <div key={c}><h3 className="chart-currency">{c}</h3><MonthlyChart currency={c} months={m} /></div>
                ))}
            </Card>
          </div>
        </>
      )}
    </>
  );
}
