"""The README's demo, end to end, as a new user meets it.

Runs ./scripts/demo (twice: the second run must reuse what exists) into a
fresh SQLite database, serves it with trytond and sao on a free port, logs
into sao in headless Chromium, opens Jewellery > Tagged Pieces and checks
that the pieces are listed in stock and priced at today's rate.

Needs Chromium (Debian's chromium package: .ci/run installs it) and Node.js
with npm (playwright-core is installed into var/e2e). The demo is SQLite
only, so the PostgreSQL pass skips it.
"""
import json
import os
import shutil
import signal
import socket
import subprocess
import time
import unittest
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATABASE = 'browser_test'
CHROMIUM = os.environ.get('CHROMIUM', '/usr/bin/chromium')


def free_port():
    with socket.socket() as sock:
        sock.bind(('127.0.0.1', 0))
        return sock.getsockname()[1]


@unittest.skipIf(
    os.environ.get('TRYTOND_DATABASE_URI', 'sqlite').startswith('postgresql'),
    "the demo runs on SQLite")
class DemoBrowserTestCase(unittest.TestCase):

    @classmethod
    def setUpClass(cls):
        if not shutil.which('node') or not os.path.exists(CHROMIUM):
            raise AssertionError(
                "the browser test needs node and Chromium at %s "
                "(apt-get install chromium)" % CHROMIUM)
        e2e = ROOT / 'var' / 'e2e'
        if not (e2e / 'node_modules' / 'playwright-core').exists():
            e2e.mkdir(parents=True, exist_ok=True)
            (e2e / 'package.json').write_text('{"private": true}')
            subprocess.run(
                ['npm', 'install', '--no-audit', '--no-fund', '--silent',
                    'playwright-core@1'], cwd=e2e, check=True)
        cls.env = dict(os.environ,
            DEMO_DATABASE=DATABASE, DEMO_NO_SERVE='1',
            TRYTOND_DATABASE__PATH=str(ROOT / 'var' / 'db'),
            TRYTOND_WEB__ROOT=str(ROOT / 'var' / 'sao' / 'package'))
        for name in ['TRYTOND_DATABASE_URI', 'DB_NAME', 'DB_CACHE']:
            cls.env.pop(name, None)
        db_file = ROOT / 'var' / 'db' / f'{DATABASE}.sqlite'
        if db_file.exists():
            db_file.unlink()

    def run_demo(self):
        return subprocess.run(
            [str(ROOT / 'scripts' / 'demo')], env=self.env, cwd=ROOT,
            capture_output=True, text=True, timeout=900)

    def test_demo_in_browser(self):
        first = self.run_demo()
        self.assertEqual(first.returncode, 0, first.stdout + first.stderr)
        self.assertIn("Creating the database", first.stdout)
        self.assertIn("admin123", first.stdout)
        second = self.run_demo()
        self.assertEqual(second.returncode, 0, second.stderr)
        self.assertNotIn("Creating the database", second.stdout)
        self.assertIn("36 tagged pieces", second.stderr)

        port = free_port()
        env = dict(self.env, TRYTOND_WEB__LISTEN=f'localhost:{port}')
        server = subprocess.Popen(
            [str(ROOT / '.venv' / 'bin' / 'trytond'), '-c',
                str(ROOT / 'config' / 'trytond.conf'), '-d', DATABASE],
            env=env, cwd=ROOT, stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL, start_new_session=True)
        try:
            url = f'http://localhost:{port}/'
            for _ in range(120):
                try:
                    urllib.request.urlopen(url, timeout=2)
                    break
                except OSError:
                    time.sleep(0.5)
            # ES modules resolve packages from the script's folder
            script = ROOT / 'var' / 'e2e' / 'demo_smoke.mjs'
            shutil.copy(ROOT / 'tests' / 'browser' / 'demo_smoke.mjs', script)
            result = subprocess.run(
                ['node', str(script),
                    url, DATABASE, 'admin', 'admin123',
                    str(ROOT / 'var' / 'e2e' / 'tagged_pieces.png')],
                cwd=ROOT / 'var' / 'e2e', capture_output=True, text=True,
                timeout=300)
        finally:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=30)
        self.assertEqual(result.returncode, 0, result.stderr)
        page = json.loads(result.stdout.strip().splitlines()[-1])
        headers = [h for h in page['headers'] if h]
        for header in ["Number", "Purity", "Gross Weight", "Price Today"]:
            self.assertIn(header, headers)
        pieces = {r[2]: r for r in page['rows']
            if len(r) > 2 and r[2].startswith('SJ')}
        # sao renders the first rows; its counter tells the whole list
        self.assertGreaterEqual(len(pieces), 15)
        self.assertTrue(
            any(c.endswith('/36') for c in page['counters']), page['counters'])
        # SJ000001: 22K916 bangle, 8.120 g at 7,190.60 (78,500 / 10 x 0.916)
        # metal 58,387.67 + making 12% 7,006.52 + hallmark 45 = 65,439.19
        # + CGST 981.59 + SGST 981.59 = 67,402.37
        self.assertIn('7,190.60', pieces['SJ000001'])
        self.assertIn('67,402.37', pieces['SJ000001'])
