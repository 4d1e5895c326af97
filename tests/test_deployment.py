"""The production configuration: its password rules refuse the demo's
passwords and the common ones; on several server processes, on
PostgreSQL, a rate entered through one process prices through another at
once."""
import configparser
import datetime as dt
import os
import socket
import subprocess
import sys
import tempfile
import time
import unittest
from decimal import Decimal
from pathlib import Path

from proteus import Model

from trytond import backend
from trytond.modules.company.tests.tools import create_company
from trytond.modules.gold_rate.tests.tools import create_gold, enter_rates
from trytond import config as trytond_config
from trytond.pool import Pool
from trytond.res.exceptions import PasswordError
from trytond.tests.test_tryton import (
    DB_NAME, activate_module, drop_db, with_transaction)
from trytond.tests.tools import activate_modules

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / 'scripts'))
from demo_data import DEMO_USERS  # noqa: E402
from tryton_rpc import JSONRPC, login  # noqa: E402

PASSWORD = 'Deploy-Test-2026'


PRODUCTION = ROOT / 'config' / 'trytond-postgresql.conf'
FORBIDDEN = ROOT / 'config' / 'forbidden-passwords.txt'


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


def free_port():
    with socket.socket() as s:
        s.bind(('127.0.0.1', 0))
        return s.getsockname()[1]


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
        configuration = Path(directory, 'production.conf')
        uri = os.environ['TRYTOND_DATABASE_URI']
        configuration.write_text('\n'.join(
                f'uri = {uri}' if line.startswith('uri =') else line
                for line in PRODUCTION.read_text().splitlines()))
        port = free_port()
        env = dict(os.environ,
            GOLD_POS_ENV='/nonexistent',
            GOLD_POS_DATABASE=DB_NAME,
            GOLD_POS_BIND=f'127.0.0.1:{port}',
            GOLD_POS_WORKERS='2',
            GOLD_POS_VAR=str(Path(directory, 'production')),
            TRYTOND_CONFIG=str(configuration),
            TRYTOND_GOLD_COMPLIANCE__KYC_KEY='not-used-by-gold_rate')
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
        # gold_rate's database has no queue: no worker
        self.assertIn('worker: stopped', status)

        client = JSONRPC(login(
                f'http://admin:{PASSWORD}@127.0.0.1:{port}/{DB_NAME}/'))
        self.assertEqual(len(self.current_sell_rate(
                    client, self.purities['22K'])), 1)

        self.assertEqual(run('stop').returncode, 0)
        self.assertIn('web: stopped', run('status').stdout)
        self.assertEqual(run('check').returncode, 1)
