"""Counters billing at once against the production set-up, on PostgreSQL.

Each counter is a separate client process talking JSON-RPC over HTTP to
gunicorn serving trytond with the production configuration
(config/trytond-postgresql.conf: [cache] clean_timeout = 0), as sao does:
it logs in once, then for a fixed time does whole bills at its own
counter (its own sale point and numbering):

    scan    the tag scanned into the bill's Scan field (the on_change
            that finds, checks and prices the piece)
    save    the bill created with the priced line
    pay     a cash payment of the amount due, and the bill processed
            (numbered)
    post    the bill posted (stock moves, the account move): by the
            cashier with --post counter; with --post queue (the default,
            the production set-up) the counters post when paid, through
            Tryton's queue ([queue] worker = True, trytond-worker): the
            posting is no step of the cashier's, and the run then waits
            for the queue to post every paid bill (the posting lag)

Printed per number of workers M and of counters N: bills per minute,
p50 / p95 / max of each step and of a whole bill, failed steps (an error
answer or an HTTP error such as 503), with --post queue the seconds the
queue took to post the last paid bill after the counters stopped and the
bills it could not post, pieces sold twice, and whether the ledger
balances.

Run from the repository root, on PostgreSQL only:

    TRYTOND_DATABASE_URI=postgresql://postgres@127.0.0.1:5432/ \\
        .venv/bin/python bench/load.py [--workers 1 2 4] \\
        [--counters 1 2 4 8 16] [--seconds 30] [--post queue|counter]
"""
import argparse
import multiprocessing
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, os.path.dirname(__file__))
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / 'scripts'))

from common import DATABASE, create_database  # noqa: E402

PASSWORD = 'Load-Bench-2026'
STEPS = ['scan', 'save', 'pay', 'post']
TAGS_PER_SECOND = 3


def setup(counters, pieces, post_paid):
    """The database: a shop with a counter per client and its pieces; the
    counters post when paid with post_paid"""
    from proteus import Model
    from proteus import config as proteus_config
    from trytond.modules.company.tests.tools import (
        create_company, get_company)
    from trytond.modules.gold_sale_point.tests.tools import (
        create_counter_shop)

    create_database(['gold_sale_point', 'gold_account', 'gold_compliance'])
    config = proteus_config.set_trytond(DATABASE)
    create_company()
    company = get_company()
    shop = create_counter_shop(company, pieces=pieces)
    POS = Model.get('sale.point')
    SequenceStrict = Model.get('ir.sequence.strict')
    shop.pos.gold_post_paid = post_paid
    shop.pos.save()
    points = [shop.pos]
    for i in range(2, counters + 1):
        sequence = SequenceStrict(
            name=f"Counter {i}", company=company,
            sequence_type=shop.pos.sequence.sequence_type)
        sequence.save()
        point, = POS.duplicate([shop.pos], {
                'name': f"Counter {i}", 'sequence': sequence.id})
        points.append(point)
    User = Model.get('res.user')
    admin = User(config.user)
    admin.password = PASSWORD
    admin.save()
    return {
        'company': company.id,
        'points': [p.id for p in points],
        'cash': shop.methods['Cash'].id,
        'tags': [p.number for p in shop.pieces],
        }


def start_server(workers, directory, retry=None, queue=True):
    """gunicorn with workers on the production configuration (its
    [database] retry replaced by retry; with queue, trytond-worker beside
    it, else no queue worker); return the processes and the URL"""
    uri = os.environ['TRYTOND_DATABASE_URI']
    production = ROOT / 'config' / 'trytond-postgresql.conf'
    configuration = Path(directory, 'trytond.conf')
    lines = []
    for line in production.read_text().splitlines():
        if line.startswith('uri ='):
            line = f'uri = {uri}'
        elif line.startswith('retry =') and retry is not None:
            continue
        elif line.startswith('worker =') and not queue:
            line = 'worker = False'
        lines.append(line)
        if line == '[database]' and retry is not None:
            lines.append(f'retry = {retry}')
    configuration.write_text('\n'.join(lines) + '\n')
    from tryton_rpc import free_port, login
    port = free_port()
    env = dict(os.environ,
        TRYTOND_CONFIG=str(configuration),
        TRYTOND_DATABASE_NAMES=DATABASE,
        TRYTOND_GOLD_AML__KYC_KEY=os.environ.get(
            'TRYTOND_GOLD_AML__KYC_KEY',
            'Y2tGcnp0bXBrZXktZm9yLXRoZS1iZW5jaG1hcmsxMjM='))
    log = open(Path(directory, f'gunicorn-{workers}.log'), 'w')
    server = subprocess.Popen([
            str(Path(sys.executable).parent / 'gunicorn'),
            '--workers', str(workers), '--bind', f'127.0.0.1:{port}',
            '--timeout', '300', 'trytond.application:app'],
        env=env, stdout=log, stderr=subprocess.STDOUT)
    servers = [server]
    if queue:
        # one process, as scripts/production runs it: the postings share
        # the fiscal year's move numbering (two processes met each other's
        # lock and rescheduled their tasks: 190 s to post 83 bills)
        servers.append(subprocess.Popen([
                    str(Path(sys.executable).parent / 'trytond-worker'),
                    '-c', str(configuration), '-n', '1', '-d', DATABASE],
                env=env, stdout=log, stderr=subprocess.STDOUT,
                start_new_session=True))
    url = f'http://admin:{PASSWORD}@127.0.0.1:{port}/{DATABASE}/'
    for _ in range(240):
        try:
            login(url)
            return servers, url
        except OSError:
            time.sleep(0.5)
    raise RuntimeError(f"gunicorn not answering: {log.name}")


def clean(values, writable):
    "The values of a new line as a client saves them: its writable fields"
    return {k: v for k, v in values.items() if k in writable}


def counter(url, point, cash, company, tags, seconds, results, post):
    """One counter: whole bills at point, one tag each, until seconds have
    passed, posting them with post; append {step: seconds} or
    {'failed': step, 'error': ...}"""
    from tryton_rpc import JSONRPC, RPCError, login
    client = JSONRPC(login(url))
    context = client.call('model.res.user.get_preferences', True, {})
    context['company'] = company
    writable = {name for name, field in client.call(
            'model.sale.point.sale.line.fields_get', None, context).items()
        if not field.get('readonly') and name not in {'id', 'sale'}}
    end = time.monotonic() + seconds
    for tag in tags:
        if time.monotonic() > end:
            break
        times, step = {}, None
        try:
            step = 'scan'
            start = time.perf_counter()
            changes = client.call('model.sale.point.sale.on_change', {
                    'gold_scan': tag, 'lines': [], 'state': 'open',
                    'point': point, 'company': company,
                    'date': None, 'gold_old_lines': [],
                    }, ['gold_scan'], context)
            times[step] = time.perf_counter() - start
            added = changes['lines']['add']
            lines = [clean(values, writable) for _, values in added]

            step = 'save'
            start = time.perf_counter()
            sale_id, = client.call('model.sale.point.sale.create', [{
                        'point': point,
                        'lines': [['create', lines]],
                        }], context)
            times[step] = time.perf_counter() - start

            step = 'pay'
            start = time.perf_counter()
            sale, = client.call('model.sale.point.sale.read', [sale_id],
                ['amount_to_pay'], context)
            client.call('model.sale.point.payment.create', [{
                        'sale': sale_id, 'method': cash,
                        'amount': sale['amount_to_pay'],
                        }], context)
            client.call('model.sale.point.sale.process', [sale_id], context)
            times[step] = time.perf_counter() - start

            if post:
                step = 'post'
                start = time.perf_counter()
                client.call(
                    'model.sale.point.sale.post', [sale_id], context)
                times[step] = time.perf_counter() - start
            results.append(times)
        except (RPCError, OSError) as e:
            results.append({'failed': step, 'error': str(e)[:300]})


def wait_posted(url, company, timeout=300):
    """Wait for the queue to post the paid bills: return the seconds it
    took and the bills it could not post (a posting error), or None for
    the seconds when some were still waiting after timeout"""
    from tryton_rpc import JSONRPC, login
    client = JSONRPC(login(url))
    context = {'company': company}
    start = time.monotonic()
    while True:
        waiting = client.call('model.sale.point.sale.search_count',
            [('state', '=', 'done'), ('gold_post_error', '=', None)],
            0, None, context)
        if not waiting or time.monotonic() - start > timeout:
            break
        time.sleep(0.2)
    errors = client.call('model.sale.point.sale.search_count',
        [('state', '=', 'done'), ('gold_post_error', '!=', None)],
        0, None, context)
    return (None if waiting else time.monotonic() - start), errors


def ledger_check(url, company):
    """Return (pieces sold twice, debits == credits of the posted moves,
    bills posted)"""
    from tryton_rpc import JSONRPC, login
    client = JSONRPC(login(url))
    context = {'company': company}
    lines = client.call('model.sale.point.sale.line.search_read',
        [('sale.state', '=', 'posted'), ('lot', '!=', None)], 0, None, None,
        ['lot'], context)
    lots = [line['lot'] for line in lines]
    twice = len(lots) - len(set(lots))
    moves = client.call('model.account.move.line.search_read',
        [('move.state', '=', 'posted')], 0, None, None,
        ['debit', 'credit'], context)
    debit = sum(m['debit'] for m in moves)
    credit = sum(m['credit'] for m in moves)
    posted = client.call('model.sale.point.sale.search_count',
        [('state', '=', 'posted')], 0, None, context)
    return twice, debit == credit, posted


def percentile(values, q):
    if not values:
        return float('nan')
    values = sorted(values)
    return values[min(len(values) - 1, int(round(q * (len(values) - 1))))]


def run(url, data, counters, seconds, offset, post):
    """N counters at once for seconds, posting with post; return the rows
    and the next tag"""
    manager = multiprocessing.Manager()
    results = manager.list()
    # a whole bill of one tag takes 0.45 s or more at one counter (scan,
    # save, pay; 2026-12-02): 3 tags a second is room enough
    per_counter = min((len(data['tags']) - offset) // counters,
        TAGS_PER_SECOND * seconds)
    processes = []
    for i in range(counters):
        tags = data['tags'][offset + i * per_counter:
            offset + (i + 1) * per_counter]
        processes.append(multiprocessing.Process(target=counter, args=(
                    url, data['points'][i], data['cash'], data['company'],
                    tags, seconds, results, post)))
    start = time.monotonic()
    for process in processes:
        process.start()
    for process in processes:
        process.join()
    elapsed = time.monotonic() - start
    done = [r for r in results if 'failed' not in r]
    failed = [r for r in results if 'failed' in r]
    return done, failed, elapsed, offset + counters * per_counter


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('--workers', type=int, nargs='+', default=[1, 2, 4])
    parser.add_argument('--counters', type=int, nargs='+',
        default=[1, 2, 4, 8, 16])
    parser.add_argument('--seconds', type=int, default=30)
    parser.add_argument('--retry', type=int, default=None,
        help="[database] retry instead of the production configuration's")
    parser.add_argument('--post', choices=['queue', 'counter'],
        default='queue',
        help="who posts the bills: the queue when paid (the production "
        "set-up), or the cashier")
    parser.add_argument('--pieces', type=int, default=0,
        help="tags in stock (default: enough for every run)")
    args = parser.parse_args()
    if not os.environ.get('TRYTOND_DATABASE_URI', '').startswith(
            'postgresql'):
        parser.error("PostgreSQL only: set TRYTOND_DATABASE_URI")
    # TAGS_PER_SECOND at each counter: room for every run
    pieces = args.pieces or sum(
        TAGS_PER_SECOND * c * args.seconds
        for c in args.counters) * len(args.workers)
    print(f"set-up: {pieces} tags, {max(args.counters)} counters, "
        f"[database] retry = {args.retry or 'of the production configuration'}"
        f", posted by the {args.post}", flush=True)
    queue = args.post == 'queue'
    steps = [s for s in STEPS if s != 'post' or not queue]
    data = setup(max(args.counters), pieces, queue)
    offset = 0
    print(f"\n{'M':>2} {'N':>3} {'bills/min':>9} {'failed':>6} "
        + ' '.join(f'{s + " p50/p95/max s":>20}' for s in steps + ['bill'])
        + (f" {'lag s':>6} {'unposted':>8}" if queue else ''),
        flush=True)
    errors = []
    with tempfile.TemporaryDirectory() as directory:
        for workers in args.workers:
            servers, url = start_server(
                workers, directory, args.retry, queue)
            try:
                for counters in args.counters:
                    done, failed, elapsed, offset = run(
                        url, data, counters, args.seconds, offset,
                        not queue)
                    cells = []
                    if queue:
                        lag, unposted = wait_posted(url, data['company'])
                        lag = f"{lag:>6.1f}" if lag is not None else '   >300'
                        queued = f" {lag} {unposted:>8}"
                    else:
                        queued = ''
                    for step in steps + ['bill']:
                        values = [sum(d.values()) if step == 'bill'
                            else d[step] for d in done]
                        cells.append('{:>6.2f}/{:>6.2f}/{:>6.2f}'.format(
                                percentile(values, 0.5),
                                percentile(values, 0.95),
                                max(values) if values else float('nan')))
                    print(f"{workers:>2} {counters:>3} "
                        f"{len(done) * 60 / elapsed:>9.1f} {len(failed):>6} "
                        + ' '.join(f'{c:>20}' for c in cells) + queued,
                        flush=True)
                    errors.extend(
                        (workers, counters, f['failed'], f['error'])
                        for f in failed)
                twice, balanced, posted = ledger_check(url, data['company'])
            finally:
                # gunicorn's master stops its workers; trytond-worker's
                # pool process is of its group
                for server in servers:
                    if server is servers[0]:
                        server.terminate()
                    else:
                        os.killpg(server.pid, signal.SIGTERM)
                    server.wait()
            print(f"   after {workers} worker(s): {posted} bills posted, "
                f"{twice} pieces sold twice, ledger "
                f"{'balanced' if balanced else 'NOT BALANCED'}", flush=True)
    if errors:
        print("\nfailed steps (first 10):")
        for workers, counters, step, error in errors[:10]:
            print(f"  M={workers} N={counters} {step}: {error}")


if __name__ == '__main__':
    main()
