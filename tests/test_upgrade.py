"""A shop's database made with the code of BASE upgrades to today's code
without loss.

The demo shop (scripts/demo_data.py of BASE) is built with BASE's modules
in a SQLite database, which is cached by commit under the test cache
(~/.cache/gold-pos/upgrade); a copy is upgraded with today's trytond-admin
-u, and every stored value of every record (Tryton's ir tables apart) must
be found again: under its new name where a field was renamed (RENAMED),
and the XML ids under their new module where a record moved (MOVED). What
today's code drops on purpose is listed in DROPPED, what it changes on
purpose in CHANGED (with the value before and after); nothing else may go
or change.

BASE is the last commit before the field names and module boundaries of
doc/modules.md; it stays as it is unless a later change of names needs a
newer starting point.
"""
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unittest
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RUN = ROOT / 'tests' / 'upgrade_run.py'
BASE = '50665cc74230ce903df064b2abf75717d5e94e2e'
# by commit and by the dump's code: a change of what is dumped builds it
# again
CACHE = Path(os.environ.get('GOLD_POS_CACHE') or Path(
        os.environ.get('XDG_CACHE_HOME') or Path.home() / '.cache')
    / 'gold-pos') / 'upgrade' / '{}-{}'.format(
    BASE[:12], hashlib.sha1(RUN.read_bytes()).hexdigest()[:8])
DATABASE = 'upgrade'
KYC_KEY = 'Pz4JrUYiqb0wBRCc1y7JhOH6cqfu4DjJ9PFzHgJ0MWk='
CONFIG = ROOT / 'config' / 'trytond.conf'

# (model, old field) -> new field
RENAMED = {
    ('purchase.configuration', 'gold_weight_tolerance'):
        'gold_receipt_tolerance',
    ('stock.configuration', 'gold_weight_tolerance'):
        'gold_transfer_tolerance',
    ('product.template', 'brand'): 'gold_brand',
    ('product.template', 'discount_mode'): 'gold_list_discount_mode',
    ('product.template', 'discount_value'): 'gold_list_discount_value',
    }
# what the suite adds to Tryton's models took the gold_ prefix
RENAMED.update({('stock.lot', name): 'gold_' + name for name in [
            'barcode', 'gross_weight', 'stone_weight', 'other_weight',
            'huid', 'making_mode', 'making_value', 'wastage_mode',
            'wastage_value', 'cost_price']})
RENAMED.update({('product.template', name): 'gold_' + name for name in [
            'making_mode', 'making_value', 'making_minimum', 'wastage_mode',
            'wastage_value', 'hallmark_charge', 'hallmark_mode',
            'hallmarked', 'hsn_code']})
RENAMED.update({('product.configuration', name): 'gold_' + name
        for name in ['ean13_prefix', 'ean13_sequence', 'ean13_auto']})
# 'old_module.fs_id' -> 'new_module.fs_id'
MOVED = {f'gold_product.{fs_id}': f'gold_stock.{fs_id}' for fs_id in [
        'stock_purity_view_list', 'stock_purity_context_view_form',
        'act_stock_purity', 'act_stock_purity_view1', 'menu_stock_purity',
        'menu_stock_purity_group_stock', 'access_stock_purity',
        'access_stock_purity_group_stock']}
# identity and anti-money-laundering left gold_compliance for gold_aml:
# every record of gold_aml's XML that gold_compliance had
SPLIT = ('gold_compliance', 'gold_aml')
# what today's code changes on purpose: (XML id, field) -> (before, after)
CHANGED = {
    # Tryton's gram weighs to the milligram (gold_product, uom.py)
    ('product.uom_gram', 'digits'): (2, 3),
    ('product.uom_gram', 'rounding'): ('0.01', '0.001'),
    }
# what today's code no longer stores: models, (model, field), XML ids
DROPPED = {
    # the rate log: Rate Changes read the rate's history (the old table
    # stays, unread)
    'gold.rate.log',
    *(f'gold_rate.{fs_id}' for fs_id in [
            'rate_log_view_list', 'act_rate_log', 'act_rate_log_view1',
            'menu_rate_log', 'access_rate_log', 'access_rate_log_admin',
            'rule_group_rate_log_companies', 'rule_rate_log_companies',
            'msg_rate_log_readonly']),
    }


def xml_ids(module):
    "The ids of the records of a module's XML files"
    return {m for path in (ROOT / 'modules' / module).glob('*.xml')
        for m in re.findall(r'<(?:record|menuitem)\b[^>]*\bid="(\w+)"',
            path.read_text())}


def modules_of(demo):
    "The modules scripts/demo activates"
    for line in demo.splitlines():
        if line.startswith('MODULES='):
            return line.split('=', 1)[1].strip('"').split()
    raise AssertionError("no MODULES= in scripts/demo")


class UpgradeTestCase(unittest.TestCase):

    @classmethod
    def setUpClass(cls):
        if os.environ.get('TRYTOND_DATABASE_URI', 'sqlite').startswith(
                'postgresql'):
            raise unittest.SkipTest("the upgrade is tested on SQLite")
        if subprocess.run(['git', 'cat-file', '-e', f'{BASE}^{{commit}}'],
                cwd=ROOT, capture_output=True).returncode:
            raise AssertionError(
                f"the upgrade test needs commit {BASE} (a full clone)")
        cls.directory = Path(tempfile.mkdtemp(prefix='gold-upgrade-'))
        cls.addClassCleanup(shutil.rmtree, cls.directory, True)
        cls.env = dict(os.environ,
            TRYTOND_DATABASE_URI='sqlite://',
            TRYTOND_DATABASE__PATH=str(cls.directory),
            TRYTOND_GOLD_COMPLIANCE__KYC_KEY=KYC_KEY,
            TRYTOND_GOLD_AML__KYC_KEY=KYC_KEY)
        cls.env.pop('DB_NAME', None)
        if not (CACHE / 'old.json').exists():
            cls.build_old()
        shutil.copy(CACHE / f'{DATABASE}.sqlite', cls.directory)
        cls.old = json.loads((CACHE / 'old.json').read_text())
        cls.modules = (CACHE / 'modules').read_text().split()

    @classmethod
    def run_(cls, *args, env=None, **kwargs):
        "Run a command, its output in the failure"
        process = subprocess.run([str(a) for a in args], cwd=ROOT,
            env=env or cls.env, capture_output=True, text=True,
            timeout=1800, **kwargs)
        if process.returncode:
            raise AssertionError(
                f"{' '.join(map(str, args))} failed:\n"
                f"{process.stdout[-3000:]}\n{process.stderr[-5000:]}")
        return process

    @classmethod
    def build_old(cls):
        "The demo database of BASE's code, and what it stores"
        old = cls.directory / 'old'
        old.mkdir()
        archive = subprocess.run(
            ['git', 'archive', BASE, 'modules', 'scripts'], cwd=ROOT,
            capture_output=True, check=True).stdout
        subprocess.run(['tar', '-x', '-C', old], input=archive, check=True)
        modules = modules_of((old / 'scripts' / 'demo').read_text())
        python = sys.executable
        run = [python, RUN, old / 'modules']
        (cls.directory / f'{DATABASE}.sqlite').touch()
        password = cls.directory / 'password'
        password.write_text('admin123\n')
        env = dict(cls.env, TRYTONPASSFILE=str(password))
        cls.run_(*run, 'admin', '-c', CONFIG, '-d', DATABASE, '--all',
            '--email', 'admin@example.com', env=env)
        cls.run_(*run, 'admin', '-c', CONFIG, '-d', DATABASE, '-u',
            *modules, '--activate-dependencies')
        cls.run_(*run, 'script', old / 'scripts' / 'demo_data.py',
            '-c', CONFIG, '-d', DATABASE)
        cls.run_(*run, 'dump', '-c', CONFIG, '-d', DATABASE,
            cls.directory / 'old.json')
        CACHE.mkdir(parents=True, exist_ok=True)
        (CACHE / 'modules').write_text(' '.join(modules))
        shutil.copy(cls.directory / f'{DATABASE}.sqlite', CACHE)
        # last: the cache is whole once old.json is there
        shutil.copy(cls.directory / 'old.json', CACHE)
        (cls.directory / f'{DATABASE}.sqlite').unlink()

    def test_upgrade(self):
        "trytond-admin -u of today's code keeps every stored value"
        self.run_('trytond-admin', '-c', CONFIG, '-d', DATABASE, '-u',
            *self.modules, '--activate-dependencies')
        out = self.directory / 'new.json'
        # the same dump, of today's modules (this checkout's)
        self.run_(sys.executable, RUN, ROOT / 'modules', 'dump',
            '-c', CONFIG, '-d', DATABASE, out)
        new = json.loads(out.read_text())
        lost = []
        changed = {}
        for (xml_id, name), values in CHANGED.items():
            model, id_ = self.old['xml_ids'][xml_id]
            changed[model, str(id_), name] = values
        for model, records in sorted(self.old['models'].items()):
            if model in DROPPED:
                continue
            if model not in new['models']:
                lost.append(f"{model}: the model")
                continue
            for id_, values in records.items():
                now = new['models'][model].get(id_)
                if now is None:
                    lost.append(f"{model},{id_}: the record")
                    continue
                for name, value in values.items():
                    if (model, name) in DROPPED:
                        continue
                    new_name = RENAMED.get((model, name), name)
                    if new_name not in now:
                        lost.append(f"{model}.{name}: the field")
                        break
                    if changed.get((model, str(id_), new_name)) == (
                            value, now[new_name]):
                        continue
                    if now[new_name] != value:
                        lost.append(f"{model},{id_}.{new_name}: "
                            f"{value!r} became {now[new_name]!r}")
        for model, versions in sorted(self.old['history'].items()):
            now_versions = new['history'].get(model)
            if now_versions is None:
                lost.append(f"{model}: its history")
                continue
            for version, values in versions.items():
                now = now_versions.get(version, {})
                for name, value in values.items():
                    new_name = RENAMED.get((model, name), name)
                    if now.get(new_name) != value:
                        lost.append(f"{model} version {version}.{new_name}: "
                            f"{value!r} became {now.get(new_name)!r}")
        moved = dict(MOVED)
        old_module, new_module = SPLIT
        moved.update({f'{old_module}.{fs_id}': f'{new_module}.{fs_id}'
                for fs_id in xml_ids(new_module)})
        for xml_id, record in sorted(self.old['xml_ids'].items()):
            if xml_id in DROPPED:
                continue
            new_id = moved.get(xml_id, xml_id)
            if new['xml_ids'].get(new_id) != record:
                lost.append(f"XML id {xml_id} ({record[0]},{record[1]}): "
                    f"{new_id} is {new['xml_ids'].get(new_id)}")
        # every view finds its file in its module, moved ones included
        self.assertEqual(new['broken_views'], [])
        self.assertFalse(lost, "lost by the upgrade:\n" + '\n'.join(
                lost[:40]) + (f"\n... {len(lost)} in all" if len(lost) > 40
                else ''))
        # the test compared something
        self.assertGreater(len(self.old['models'].get('stock.lot', {})), 30)
        self.assertGreater(len(self.old['history'].get('stock.lot', {})), 30)
        self.assertTrue(self.old['history'].get('gold.rate'))
        self.assertIn('gold_product.msg_huid_unique_sql', self.old['xml_ids'])
        self.assertIn('gold_compliance.aml_policy_india', self.old['xml_ids'])
        self.assertIn('gold_aml.aml_policy_india', new['xml_ids'])
