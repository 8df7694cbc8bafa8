#!/usr/bin/env python3
"""Statement census: the SQL statements and commits each service database runs per create + issue and per payment.

Against a running stack (`./billstream up`, gateway on 127.0.0.1:8080): a fresh tenant with one webhook endpoint
subscribed to invoice.paid (a local receiver in this process) first creates and pays a few invoices that are not
counted (a fresh stack's processors are still claiming segments) and rests, then creates and issues N invoices, one request each,
200 ms apart, then pays each in full, 200 ms apart. While each phase runs (and 20 s / 10 s after it, so that
projections, renders and webhooks are counted), PostgreSQL logs every statement (`log_min_duration_statement=0`
through ALTER SYSTEM, reset afterwards); the `statement:` and `execute` lines of the billstream_* databases are then
counted per operation. Needs a local PostgreSQL superuser (psql -U postgres) and its server log.

    bench/census/census.py [N] [--log /var/log/postgresql/postgresql-15-main.log] [--warm-up 10] [--settle 45] [--time]

Counts are deterministic up to batching (a processor that takes two events in one batch commits once); CPU is not
measured here. docs/benchmarks.md, row 24, has the figures before and after. With --time, each statement also gets
the time the server logged for it (its `duration`), summed per operation, and the list is ordered by that time: a
COMMIT's includes its wait for the WAL to reach the disk (row 42).
"""
import argparse, collections, json, os, re, subprocess, threading, time, urllib.error, urllib.request, uuid
from http.server import BaseHTTPRequestHandler, HTTPServer

GATEWAY = os.environ.get('CENSUS_GATEWAY', 'http://127.0.0.1:8080')
RECEIVER_PORT = int(os.environ.get('CENSUS_RECEIVER_PORT', '9977'))


def call(method, path, body=None, token=None):
    request = urllib.request.Request(GATEWAY + path, data=None if body is None else json.dumps(body).encode(),
                                     method=method, headers={'Content-Type': 'application/json'})
    if token:
        request.add_header('Authorization', 'Bearer ' + token)
    try:
        with urllib.request.urlopen(request) as response:
            return response.status, json.loads(response.read() or b'null')
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode()


def expect(result, status, what):
    if result[0] != status:
        raise SystemExit(f'{what}: {result[0]} {result[1]}')
    return result[1]


received = []


class Receiver(BaseHTTPRequestHandler):
    def do_POST(self):
        received.append(json.loads(self.rfile.read(int(self.headers.get('content-length', 0)))).get('type'))
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


def psql(*commands):
    args = ['psql', '-U', 'postgres', '-q']
    for command in commands:
        args += ['-c', command]
    subprocess.run(args, check=True, capture_output=True)


def logged(log, action, tail_seconds):
    """Runs action with every statement logged; returns the log lines written meanwhile."""
    start = os.path.getsize(log)
    psql('alter system set log_min_duration_statement = 0', 'select pg_reload_conf()')
    time.sleep(1)
    try:
        action()
        time.sleep(tail_seconds)
    finally:
        psql('alter system reset log_min_duration_statement', 'select pg_reload_conf()')
    with open(log, errors='replace') as f:
        f.seek(start)
        return f.readlines()


LINE = re.compile(r'\S+ \S+ \S+ \[\d+\] \S+@(billstream_\S+) LOG:  duration: ([\d.]+) ms  (?:statement|execute [^:]*): (.*)')


def census(lines, operations, title, top, timed=False):
    by_db = collections.defaultdict(collections.Counter)
    ms_by_db = collections.defaultdict(collections.Counter)
    for line in lines:
        m = LINE.match(line)
        if m:
            sql = re.sub(r'\b\d+\b', 'N', re.sub(r'\$\d+', '?', re.sub(r"'[^']*'", '?', m.group(3).strip())))
            by_db[m.group(1)][sql[:110]] += 1
            ms_by_db[m.group(1)][sql[:110]] += float(m.group(2))
    total = sum(sum(c.values()) for c in by_db.values())
    commits = sum(c['COMMIT'] for c in by_db.values())
    ms = sum(sum(c.values()) for c in ms_by_db.values())
    print(f'\n## {title}: {total / operations:.1f} statements and {commits / operations:.1f} commits per operation'
          + (f', {ms / operations:.2f} ms of statement time' if timed else ''))
    for db, counts in sorted(by_db.items(), key=lambda kv: -sum(kv[1].values())):
        times = ms_by_db[db]
        print(f'\n{db}: {sum(counts.values()) / operations:.1f} statements, {counts["COMMIT"] / operations:.2f} commits'
              + (f', {sum(times.values()) / operations:.2f} ms' if timed else ''))
        for sql, n in (times if timed else counts).most_common(top):
            if timed:
                print(f'  {counts[sql] / operations:6.2f}  {times[sql] / operations:6.3f} ms  {sql}')
            else:
                print(f'  {n / operations:6.2f}  {sql}')


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('n', nargs='?', type=int, default=20)
    parser.add_argument('--log', default=os.environ.get('CENSUS_PG_LOG', '/var/log/postgresql/postgresql-15-main.log'))
    parser.add_argument('--top', type=int, default=8)
    parser.add_argument('--time', action='store_true', help='add each statement\'s logged duration, ordered by it')
    parser.add_argument('--warm-up', type=int, default=10, help='invoices created and paid first, not counted')
    parser.add_argument('--settle', type=int, default=45, help='seconds of rest after the warm-up')
    args = parser.parse_args()

    server = HTTPServer(('127.0.0.1', RECEIVER_PORT), Receiver)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    suffix = uuid.uuid4().hex[:10]
    user, password = 'census_' + suffix, 'census-password-' + suffix
    expect(call('POST', '/v1/signup', {'organizationName': 'Census ' + suffix, 'username': user,
                                       'email': user + '@census.example', 'password': password}), 201, 'signup')
    session = expect(call('POST', '/v1/login', {'login': user, 'password': password}), 200, 'login')['accessToken']
    key = expect(call('POST', '/v1/api-keys', {'name': 'census', 'scope': 'read_write'}, session), 201, 'key')['key']
    customer = expect(call('POST', '/v1/customers', {
        'name': 'Globex Corporation', 'email': 'ap@globex.example', 'locale': 'en-US',
        'address': {'line1': '1 Market Street', 'city': 'Springfield', 'postalCode': '94105', 'country': 'US'}},
        key), 201, 'customer')['id']
    expect(call('POST', '/v1/webhook-endpoints', {'url': f'http://127.0.0.1:{RECEIVER_PORT}/hook',
                                                  'events': ['invoice.paid']}, key), 201, 'endpoint')

    def line(description, kind, quantity, unit, price, tax=None):
        item = {'description': description, 'kind': kind, 'quantity': quantity, 'unit': unit, 'unitPrice': price}
        if tax:
            item['taxRatePercent'] = tax
        return item

    invoices = []

    def create():
        for _ in range(args.n):
            invoices.append(expect(call('POST', '/v1/invoices', {
                'customerId': customer, 'currency': 'USD', 'dueInDays': 14, 'reference': 'PO-2026-0042',
                'notes': 'Thank you for your business! **Questions:** billing@acme.example', 'issue': True,
                'lineItems': [line('Backend development (API, billing engine)', 'service', '32.5', 'hour', '120.00', '8.875'),
                              line('UX review workshop', 'service', '1', 'day', '950.00', '8.875'),
                              line('Code review', 'service', '6', 'hour', '120.00', '8.875'),
                              line('Cloud hosting - March', 'expense', '1', 'month', '249.90'),
                              line('Third-party API credits', 'expense', '4', 'item', '25.00')]}, key), 201, 'invoice'))
            time.sleep(0.2)

    def pay():
        for invoice in invoices:
            expect(call('POST', '/v1/payments', {'invoiceId': invoice['id'], 'amount': invoice['amountDue'],
                                                 'currency': 'USD', 'method': 'card'}, key), 201, 'payment')
            time.sleep(0.2)

    # not counted: a fresh stack's processors are still claiming their segments, and its caches are cold
    warm_up, args.n = args.n, args.warm_up
    create()
    pay()
    invoices.clear()
    args.n = warm_up
    time.sleep(args.settle)
    received.clear()

    census(logged(args.log, create, 20), args.n, 'create + issue', args.top, args.time)
    census(logged(args.log, pay, 10), args.n, 'payment', args.top, args.time)
    print(f'\nwebhooks received: {len(received)} of {args.n}')


if __name__ == '__main__':
    main()
