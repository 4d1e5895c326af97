"""The production configuration on several server processes, on PostgreSQL:
a rate entered through one process prices through another at once."""
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
from trytond.tests.test_tryton import DB_NAME, drop_db
from trytond.tests.tools import activate_modules

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / 'scripts'))
from tryton_rpc import JSONRPC, login  # noqa: E402

PASSWORD = 'Deploy-Test-2026'


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
                '-v', '-c', str(ROOT / 'config' / 'trytond-postgresql.conf'),
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
