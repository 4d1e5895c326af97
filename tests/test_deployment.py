"""The production configuration: its password rules refuse the demo's
passwords and the common ones; on several server processes, on
PostgreSQL, a rate entered through one process prices through another at
once; a backup restores into a new database with the same books."""
import configparser
import datetime as dt
import os
import subprocess
import sys
import tempfile
import time
import unittest
from decimal import Decimal
from pathlib import Path

from cryptography.fernet import Fernet
from proteus import Model

from trytond import backend
from trytond.modules.company.tests.tools import create_company, get_company
from trytond.modules.gold_aml import kyc
from trytond.modules.gold_rate.tests.tools import create_gold, enter_rates
from trytond import config as trytond_config
from trytond.pool import Pool
from trytond.res.exceptions import PasswordError
from trytond.tests.test_tryton import (
    DB_NAME, activate_module, drop_db, with_transaction)
from trytond.tests.tools import activate_modules
from trytond.transaction import Transaction

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / 'scripts'))
from demo_data import DEMO_USERS  # noqa: E402
from tryton_rpc import JSONRPC, free_port, login  # noqa: E402

PASSWORD = 'Deploy-Test-2026'


PRODUCTION = ROOT / 'config' / 'trytond-postgresql.conf'
FORBIDDEN = ROOT / 'config' / 'forbidden-passwords.txt'


def production_copy(target, **database):
    """Write config/trytond-postgresql.conf to target with the test's
    database server as its [database] uri, and the other [database]
    options given"""
    uri = os.environ['TRYTOND_DATABASE_URI']
    options = ''.join(f'\n{k} = {v}' for k, v in database.items())
    target.write_text('\n'.join(
            f'uri = {uri}{options}' if line.startswith('uri =') else line
            for line in PRODUCTION.read_text().splitlines()) + '\n')
    return target


class ProductionPasswordsTestCase(unittest.TestCase):
    """The password rules of config/trytond-postgresql.conf with the
    forbidden list of config/ (TRYTOND_PASSWORD__FORBIDDEN in production)"""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.addClassCleanup(drop_db)
        activate_module('gold_compliance')

    def setUp(self):
        production = configparser.ConfigParser()
        production.read(PRODUCTION)
        options = [(s, o, production.get(s, o))
            for s in ['password', 'gold_compliance']
            for o in production.options(s)]
        options.append(('password', 'forbidden', str(FORBIDDEN)))
        for section, option, value in options:
            if not trytond_config.has_section(section):
                trytond_config.add_section(section)
            old = trytond_config.get(section, option, default='')
            trytond_config.set(section, option, value)
            self.addCleanup(trytond_config.set, section, option, old)

    @with_transaction()
    def test_demo_passwords_refused(self):
        "Every demo user's password and the demo admin's are refused"
        User = Pool().get('res.user')
        passwords = ['admin123'] + [f'{login}123' for login, *_ in DEMO_USERS]
        self.assertEqual(len(passwords), 8)
        for password in passwords:
            with self.subTest(password=password):
                self.assertRaises(
                    PasswordError, User.validate_password, password, [])

    @with_transaction()
    def test_common_passwords_refused(self):
        """Common passwords long and mixed enough for the length and
        classes rules are refused by the list"""
        User = Pool().get('res.user')
        for password in ['Password@123', 'Welcome@1234', 'Jewellers@123']:
            with self.subTest(password=password):
                with self.assertRaises(PasswordError) as cm:
                    User.validate_password(password, [])
                self.assertIn('forbidden', cm.exception.message)
        User.validate_password('Zaveri-Bazaar-Counter-7', [])


class Server:
    "A trytond process on the production configuration"

    def __init__(self, directory, uri):
        self.port = free_port()
        override = Path(directory, f'server-{self.port}.conf')
        # the test's database server and a port of its own; the rest is
        # config/trytond-postgresql.conf as a shop runs it
        override.write_text(
            f"[database]\nuri = {uri}\n"
            f"[web]\nlisten = 127.0.0.1:{self.port}\n")
        self.log = open(Path(directory, f'server-{self.port}.log'), 'w')
        env = dict(os.environ)
        env.pop('TRYTOND_CONFIG', None)
        self.process = subprocess.Popen([
                str(Path(sys.executable).parent / 'trytond'),
                '-vv', '-c', str(ROOT / 'config' / 'trytond-postgresql.conf'),
                str(override),
                # the database's modules loaded at start, as production
                # does (TRYTOND_DATABASE_NAMES for a WSGI server)
                '-d', DB_NAME],
            stdout=self.log, stderr=subprocess.STDOUT, env=env)
        self.url = f'http://admin:{PASSWORD}@127.0.0.1:{self.port}/{DB_NAME}/'

    def wait(self, timeout=120):
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            if self.process.poll() is not None:
                raise RuntimeError(f"server ended: {self.log.name}")
            try:
                return JSONRPC(login(self.url))
            except OSError:
                time.sleep(0.5)
            except Exception as e:
                raise RuntimeError(
                    Path(self.log.name).read_text()[-3000:]) from e
        raise RuntimeError(f"server not answering: {self.log.name}")

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.log.close()


@unittest.skipIf(backend.name != 'postgresql',
    "several server processes share a PostgreSQL database")
class TwoProcessesTestCase(unittest.TestCase):
    "Two trytond processes of the production configuration"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.addClassCleanup(drop_db)
        config = activate_modules(['gold_rate'], create_company)
        metal, cls.purities = create_gold()
        # the morning's rates: 75,000 per 10 g of 24K, the others derived
        enter_rates(metal, '75000', '74000')
        User = Model.get('res.user')
        admin = User(config.user)
        admin.password = PASSWORD
        admin.save()
        cls.company = config._context['company']
        cls.directory = tempfile.TemporaryDirectory()
        cls.addClassCleanup(cls.directory.cleanup)
        uri = os.environ['TRYTOND_DATABASE_URI']
        cls.servers = [Server(cls.directory.name, uri) for _ in range(2)]
        for server in cls.servers:
            cls.addClassCleanup(server.stop)
        cls.clients = [s.wait() for s in cls.servers]

    def current_sell_rate(self, client, purity):
        context = {'company': self.company}
        rates = client.call('model.gold.rate.search_read', [
                ('current', '=', True),
                ('purity', '=', purity.id),
                ], 0, None, None, ['sell_rate'], context)
        return [r['sell_rate'] for r in rates]

    def test_rate_override_seen_by_the_other_process(self):
        """The 22K rate overridden through the first process at 6,950.00 is
        the current rate through the second within a second, though the
        second had the morning's rate in its cache"""
        first, second = self.clients
        purity = self.purities['22K']
        morning = self.current_sell_rate(second, purity)
        self.assertEqual(len(morning), 1)
        self.assertNotEqual(morning[0], Decimal('6950.00'))
        # asked again: now from the second process's cache
        self.assertEqual(self.current_sell_rate(second, purity), morning)

        first.call('model.gold.rate.create', [{
                    'company': self.company,
                    'purity': purity.id,
                    'valid_from': dt.datetime.now().replace(microsecond=0),
                    'sell_rate': Decimal('6950.00'),
                    'buy_rate': Decimal('6800.00'),
                    'origin': 'override',
                    }], {'company': self.company})
        end = time.monotonic() + 1
        seen = None
        while time.monotonic() < end:
            seen = self.current_sell_rate(second, purity)
            if seen == [Decimal('6950.00')]:
                break
            time.sleep(0.05)
        self.assertEqual(seen, [Decimal('6950.00')])

    def test_import_csv_url(self):
        """scripts/import_csv.py --url, as its help says, imports through a
        running server and logs in once, not at every call"""
        server = self.servers[0]
        csv_file = Path(self.directory.name, 'rates.csv')
        csv_file.write_text(
            "metal,purity,sell_rate,buy_rate\nGold,18K,5700.00,5600.00\n")
        log = Path(server.log.name)
        logins = log.read_text().count('login succeeded')
        result = subprocess.run([sys.executable,
                str(ROOT / 'scripts' / 'import_csv.py'),
                '--url', server.url, 'rates', str(csv_file)],
            capture_output=True, text=True, timeout=120)
        self.assertEqual(result.returncode, 0,
            msg=result.stdout + result.stderr)
        self.assertEqual(self.current_sell_rate(
                self.clients[1], self.purities['18K']), [Decimal('5700.00')])
        self.assertEqual(
            log.read_text().count('login succeeded') - logins, 1)

    def test_production_script(self):
        """scripts/production starts gunicorn with two workers and cron on
        the production configuration, passes its health check, serves a
        login and a call, and stops everything"""
        directory = self.directory.name
        configuration = production_copy(
            Path(directory, 'production.conf'))
        port = free_port()
        env = dict(os.environ,
            GOLD_POS_ENV='/nonexistent',
            GOLD_POS_DATABASE=DB_NAME,
            GOLD_POS_BIND=f'127.0.0.1:{port}',
            GOLD_POS_WORKERS='2',
            GOLD_POS_VAR=str(Path(directory, 'production')),
            TRYTOND_CONFIG=str(configuration),
            TRYTOND_GOLD_AML__KYC_KEY='not-used-by-gold_rate')
        script = str(ROOT / 'scripts' / 'production')

        def run(command):
            return subprocess.run([script, command], env=env,
                capture_output=True, text=True, timeout=180)
        started = run('start')
        self.addCleanup(run, 'stop')
        self.assertEqual(started.returncode, 0,
            msg=started.stdout + started.stderr)
        check = run('check')
        self.assertEqual(
            (check.returncode, check.stdout.strip()), (0, 'ok'))
        status = run('status').stdout
        self.assertIn('web: running', status)
        self.assertIn('cron: running', status)
        # the production configuration queues tasks: its worker runs
        self.assertIn('worker: running', status)

        client = JSONRPC(login(
                f'http://admin:{PASSWORD}@127.0.0.1:{port}/{DB_NAME}/'))
        self.assertEqual(len(self.current_sell_rate(
                    client, self.purities['22K'])), 1)

        self.assertEqual(run('stop').returncode, 0)
        self.assertIn('web: stopped', run('status').stdout)
        self.assertEqual(run('check').returncode, 1)


@unittest.skipIf(backend.name != 'postgresql',
    "scripts/backup.py backs up PostgreSQL")
class BackupTestCase(unittest.TestCase):
    """scripts/backup.py: a shop's database and filestore dumped, the key
    kept apart, restored into a new database with the same books and
    readable identity data"""
    PAN = 'ABCPE1234F'

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        from test_rpc_access import MODULES, set_up_shop
        cls.addClassCleanup(drop_db)
        cls.key = Fernet.generate_key().decode()
        if not trytond_config.has_section('gold_aml'):
            trytond_config.add_section('gold_aml')
        cls.addClassCleanup(trytond_config.set, 'gold_aml', 'kyc_key',
            trytond_config.get('gold_aml', 'kyc_key', default=''))
        trytond_config.set('gold_aml', 'kyc_key', cls.key)
        activate_modules(MODULES, create_company)
        fixtures = set_up_shop()
        Transfer = Model.get('gold.metal.transfer')
        receipt, = Transfer.duplicate(
            [Transfer(fixtures.transfer)], {'kind': 'receipt'})
        receipt.click('do')
        Party = Model.get('party.party')
        customer = Party(name="Customer with PAN")
        customer.gold_pan = cls.PAN
        customer.save()
        cls.company = get_company().id
        cls.directory = tempfile.TemporaryDirectory()
        cls.addClassCleanup(cls.directory.cleanup)
        cls.filestore = Path(cls.directory.name, 'filestore')
        attachments = cls.filestore / DB_NAME
        attachments.mkdir(parents=True)
        (attachments / 'receipt.txt').write_text("an attachment\n")
        production = production_copy(
            Path(cls.directory.name, 'production.conf'), path=cls.filestore)
        cls.env = dict(os.environ,
            GOLD_POS_ENV='/nonexistent',
            GOLD_POS_DATABASE=DB_NAME,
            TRYTOND_CONFIG=str(production),
            TRYTOND_GOLD_AML__KYC_KEY=cls.key)
        cls.restored = DB_NAME + '_restored'
        cls.addClassCleanup(drop_db, cls.restored)

    def backup(self, *args, env=None):
        return subprocess.run(
            [sys.executable, str(ROOT / 'scripts' / 'backup.py'), *args],
            env=env or self.env, capture_output=True, text=True,
            timeout=300)

    def books(self, database):
        """The trial balance, the stock by purity, the metal ledger
        balances, and the customer found by PAN and read, of database"""
        if database not in Pool.database_list():
            with Transaction().start(database, 0, readonly=True):
                Pool(database).init()
        pool = Pool(database)
        with Transaction().start(database, 0, readonly=True,
                context={'company': self.company}):
            Account = pool.get('account.account')
            Party = pool.get('party.party')
            Purity = pool.get('gold.stock.purity')
            accounts = Account.search([('type', '!=', None)])
            trial = {a.code: (a.debit, a.credit) for a in accounts
                if a.debit or a.credit}
            stock = sorted(
                (r.location.rec_name, r.purity.rec_name, r.pieces,
                    r.gross_weight, r.net_weight, r.fine_weight)
                for r in Purity.search([]))
            ledger = {p.name: p.gold_fine_balance for p in Party.search([])
                if p.gold_fine_balance}
            customer, = Party.search([('gold_pan', '=', self.PAN)])
            customer = customer.name, kyc.decrypt(customer.gold_pan_cipher)
        return trial, stock, ledger, customer

    def test_round_trip(self):
        "Dumped, restored into a new database: the same books"
        backup = Path(self.directory.name, 'backup')
        key_file = Path(self.directory.name, 'keys', 'kyc.key')
        # the key is not written into the backup
        inside = self.backup('dump', str(backup), '--key-file',
            str(backup / 'kyc.key'))
        self.assertEqual(inside.returncode, 1)
        self.assertIn("kept apart", inside.stderr)
        self.assertFalse(backup.exists())

        dumped = self.backup('dump', str(backup), '--key-file', str(key_file))
        self.assertEqual(dumped.returncode, 0, msg=dumped.stderr)
        self.assertEqual(
            sorted(p.name for p in backup.iterdir()),
            ['database.dump', 'filestore.tar', 'manifest.json'])
        self.assertNotIn(self.key, (backup / 'manifest.json').read_text())
        self.assertEqual(key_file.read_text().strip(), self.key)
        self.assertEqual(key_file.stat().st_mode & 0o777, 0o600)

        # a server with another key could not read the identity data
        other = dict(self.env,
            TRYTOND_GOLD_AML__KYC_KEY=Fernet.generate_key().decode())
        refused = self.backup('restore', str(backup), self.restored,
            env=other)
        self.assertEqual(refused.returncode, 1)
        self.assertIn("does not open", refused.stderr)
        restored = self.backup('restore', str(backup), self.restored,
            '--key-file', str(key_file), env=other)
        self.assertEqual(restored.returncode, 0, msg=restored.stderr)
        self.assertEqual(
            (self.filestore / self.restored / 'receipt.txt').read_text(),
            "an attachment\n")

        original = self.books(DB_NAME)
        trial, stock, ledger, customer = original
        # a bill of 79,298.68 posted (the counter bill scenario), a piece
        # in stock, the shop owing the karigar the 1.000 g of 24K (999) he
        # brought
        self.assertEqual(trial['11001'], (Decimal('79298.68'), 0))
        self.assertTrue(stock)
        self.assertEqual(ledger, {"Karigar": Decimal('-0.999')})
        self.assertEqual(customer, ("Customer with PAN", self.PAN))
        self.assertEqual(self.books(self.restored), original)

        # restoring over a database is refused, and so is a damaged backup
        again = self.backup('restore', str(backup), self.restored)
        self.assertEqual(again.returncode, 1)
        self.assertIn("exists", again.stderr)
        with open(backup / 'database.dump', 'ab') as dump:
            dump.write(b'x')
        damaged = self.backup('restore', str(backup), self.restored + '2')
        self.assertEqual(damaged.returncode, 1)
        self.assertIn("damaged", damaged.stderr)


@unittest.skipIf(backend.name != 'postgresql',
    "a server process killed, its PostgreSQL transaction rolled back")
class KillTestCase(unittest.TestCase):
    """The server killed in the middle of a payment and of a posting:
    nothing of either is written, and each goes through once repeated.

    The test holds the bill's row (FOR NO KEY UPDATE: the inserts that
    reference it pass) so that the server's request stops at its write of
    the bill, late in its work; the server is killed (SIGKILL) there."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        from trytond.modules.gold_sale_point.tests.tools import (
            create_counter_shop)
        cls.addClassCleanup(drop_db)
        config = activate_modules(
            ['gold_sale_point', 'gold_account'], create_company)
        cls.shop = create_counter_shop(get_company())
        User = Model.get('res.user')
        admin = User(config.user)
        admin.password = PASSWORD
        admin.save()
        cls.company = get_company().id
        cls.directory = tempfile.TemporaryDirectory()
        cls.addClassCleanup(cls.directory.cleanup)
        cls.uri = os.environ['TRYTOND_DATABASE_URI']
        cls.dsn = cls.uri.rstrip('/') + '/' + DB_NAME

    def server(self):
        server = Server(self.directory.name, self.uri)
        self.addCleanup(server.stop)
        return server, server.wait()

    def import_pieces(self, server, csv_file):
        return subprocess.run([sys.executable,
                str(ROOT / 'scripts' / 'import_csv.py'),
                '--url', server.url, 'pieces', str(csv_file)],
            capture_output=True, text=True, timeout=300)

    def sql(self, query, *params):
        import psycopg
        with psycopg.connect(self.dsn, autocommit=True) as connection:
            return connection.execute(query, params).fetchall()

    def killed_while_held(self, hold, call):
        """Run call(server) in a thread, with the rows of the query hold
        locked, until a request of the server waits on them; kill the
        server there; return the blocked query and call's answer (or
        error)"""
        import threading

        import psycopg
        server, _ = self.server()
        holder = psycopg.connect(self.dsn)
        holder.execute(hold)
        answers = []

        def request():
            try:
                answers.append(call(server))
            except Exception as error:
                answers.append(error)
        thread = threading.Thread(target=request)
        thread.start()
        query = None
        for _ in range(600):
            rows = self.sql(
                "SELECT query FROM pg_stat_activity "
                "WHERE datname = %s AND wait_event_type = 'Lock'", DB_NAME)
            if rows:
                query, = rows[0]
                break
            time.sleep(0.05)
        server.process.kill()
        server.process.wait()
        holder.rollback()
        holder.close()
        thread.join(60)
        # the killed server's connections end, their transactions undone
        for _ in range(200):
            if not self.sql(
                    "SELECT 1 FROM pg_stat_activity WHERE datname = %s "
                    "AND pid != pg_backend_pid() AND state != 'idle'",
                    DB_NAME):
                break
            time.sleep(0.05)
        return query, answers[0]

    def killed_at_bill_write(self, sale_id, call):
        """Kill the server while call(client) waits to write the bill
        sale_id (held FOR NO KEY UPDATE: the inserts that reference it
        pass); return the blocked query"""
        query, answer = self.killed_while_held(
            'SELECT id FROM sale_point_sale WHERE id = %d '
            'FOR NO KEY UPDATE' % sale_id,
            lambda server: call(JSONRPC(login(server.url))))
        self.assertIsInstance(answer, Exception)
        return query

    def new_bill(self, piece):
        Sale = Model.get('sale.point.sale')
        sale = Sale(point=self.shop.pos)
        sale.gold_scan = piece.number
        sale.save()
        return sale

    def pay(self, client, sale):
        "The pay wizard as the client runs it: the amount due in cash"
        context = client.call('model.res.user.get_preferences', True, {})
        context.update(active_model='sale.point.sale', active_id=sale.id,
            active_ids=[sale.id])
        session, _, _ = client.call(
            'wizard.sale.point.sale.pay.create', context)
        client.call('wizard.sale.point.sale.pay.execute', session, {},
            'payment', context)
        return client.call('wizard.sale.point.sale.pay.execute', session, {
                'payment': {
                    'method': self.shop.methods['Cash'].id,
                    'amount': str(sale.amount_to_pay),
                    }}, 'pay', context)

    def test_killed_while_paying(self):
        "Killed while paying: no payment, no number used; paid once again"
        sale = self.new_bill(self.shop.pieces[0])
        sequence = self.shop.pos.sequence
        next_number = self.sql(
            'SELECT number_next_internal FROM ir_sequence_strict '
            'WHERE id = %s', sequence.id)
        query = self.killed_at_bill_write(
            sale.id, lambda client: self.pay(client, sale))
        self.assertIn('sale_point_sale', query)
        self.assertEqual(self.sql(
                'SELECT state, number FROM sale_point_sale WHERE id = %s',
                sale.id), [('open', None)])
        self.assertEqual(self.sql(
                'SELECT count(*) FROM sale_point_payment WHERE sale = %s',
                sale.id), [(0,)])
        self.assertEqual(self.sql(
                'SELECT number_next_internal FROM ir_sequence_strict '
                'WHERE id = %s', sequence.id), next_number)

        _, client = self.server()
        self.pay(client, sale)
        sale.reload()
        self.assertEqual(sale.state, 'done')
        self.assertEqual(len(sale.payments), 1)
        self.assertEqual(sale.payments[0].amount, Decimal('79298.68'))

    def test_killed_while_posting(self):
        "Killed while posting: no stock or account move; posted once again"
        sale = self.new_bill(self.shop.pieces[1])
        _, client = self.server()
        self.pay(client, sale)
        context = {'company': self.company}
        query = self.killed_at_bill_write(sale.id, lambda client: client.call(
                'model.sale.point.sale.post', [sale.id], context))
        self.assertIn('sale_point_sale', query)
        self.assertEqual(self.sql(
                'SELECT state, move FROM sale_point_sale WHERE id = %s',
                sale.id), [('done', None)])
        lot = self.shop.pieces[1].id
        self.assertEqual(self.sql(
                "SELECT count(*) FROM stock_move WHERE lot = %s "
                "AND state = 'done' AND origin LIKE 'sale.point.sale.line,%%'",
                lot), [(0,)])
        self.assertEqual(self.sql(
                "SELECT count(*) FROM account_move "
                "WHERE origin = %s", f'sale.point.sale,{sale.id}'), [(0,)])

        _, client = self.server()
        client.call('model.sale.point.sale.post', [sale.id], context)
        sale.reload()
        self.assertEqual(sale.state, 'posted')
        lines = sale.move.lines
        self.assertEqual(sum(l.debit for l in lines),
            sum(l.credit for l in lines))
        self.assertEqual(self.sql(
                "SELECT count(*) FROM account_move "
                "WHERE origin = %s", f'sale.point.sale,{sale.id}'), [(1,)])

    def test_killed_while_importing(self):
        """Killed while importing pieces from CSV: no piece; imported once
        the import is run again, and a third run changes nothing"""
        Template = Model.get('product.template')
        chain, = Template.duplicate(
            [self.shop.bangle.template], {'name': "22K Chain"})
        csv_file = Path(self.directory.name, 'pieces.csv')
        csv_file.write_text("tag,product,gross_weight,huid\n"
            + ''.join(f"K-{i},22K Bangle,10.{i:03d},KT{i:04d}\n"
                for i in range(1, 5))
            + "K-5,22K Chain,12.500,KT0005\n")
        # the chain's lot waits for its product: the bangles' are written
        query, answer = self.killed_while_held(
            'SELECT id FROM product_product WHERE template = %d '
            'FOR UPDATE' % chain.id,
            lambda server: self.import_pieces(server, csv_file))
        self.assertIn('stock_lot', query or '',
            msg=getattr(answer, 'stdout', '') + getattr(answer, 'stderr', ''))
        self.assertNotEqual(answer.returncode, 0)
        self.assertEqual(self.sql(
                "SELECT count(*) FROM stock_lot WHERE number LIKE 'K-%%'"),
            [(0,)])

        server, _ = self.server()
        imported = self.import_pieces(server, csv_file)
        self.assertEqual(imported.returncode, 0, msg=imported.stderr)
        self.assertIn("Pieces: 5 created, 0 updated, 0 unchanged",
            imported.stdout)
        again = self.import_pieces(server, csv_file)
        self.assertIn("Pieces: 0 created, 0 updated, 5 unchanged",
            again.stdout)
        self.assertEqual(self.sql(
                "SELECT count(*) FROM stock_lot WHERE number LIKE 'K-%%'"),
            [(5,)])
