"""Shared set-up for the benchmarks: a fresh trytond database (SQLite file,
or PostgreSQL when TRYTOND_DATABASE_URI says so) created with trytond-admin
as in production, not the test pool, with the gold modules, a company, gold
with today's rates and a jewellery product (GST 3% via the jewellery
chart)."""
import os
import statistics
import subprocess
import sys
import tempfile
import time
from decimal import Decimal

os.environ.setdefault('TRYTOND_DATABASE_URI', 'sqlite://')
DATABASE = 'bench_gold'


def production_pool():
    """Measure the server as it runs in production: importing Tryton's test
    tools (trytond.tests.test_tryton) sets Pool.test, which makes every save
    also validate the computed (Function) fields"""
    from trytond.pool import Pool
    Pool.test = False


def create_database(modules):
    "Create and initialise the benchmark database with trytond-admin"
    production_pool()
    bindir = os.path.dirname(sys.executable)
    if backend_name() == 'sqlite':
        path = tempfile.mkdtemp(prefix='gold-bench-')
        os.environ['TRYTOND_DATABASE__PATH'] = path
        from trytond.config import config
        config.set('database', 'path', path)
        open(os.path.join(path, DATABASE + '.sqlite'), 'w').close()
    else:
        import psycopg
        with psycopg.connect(os.environ['TRYTOND_DATABASE_URI'].rstrip('/')
                + '/postgres', autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS {DATABASE}')
            conn.execute(f'CREATE DATABASE {DATABASE}')
    with tempfile.NamedTemporaryFile('w', delete=False) as passfile:
        passfile.write('admin123\n')
    env = dict(os.environ, TRYTONPASSFILE=passfile.name)
    admin = os.path.join(bindir, 'trytond-admin')
    subprocess.run([admin, '-d', DATABASE, '--all', '--email', 'a@b.c'],
        env=env, check=True, capture_output=True)
    subprocess.run([admin, '-d', DATABASE, '-u', *modules,
            '--activate-dependencies'], env=env, check=True,
        capture_output=True)
    os.unlink(passfile.name)


def setup(modules=('gold_product', 'gold_account')):
    from proteus import Model
    from proteus import config as proteus_config
    from trytond.modules.company.tests.tools import create_company, get_company
    from trytond.modules.gold_account.tests.tools import (
        create_jewellery_chart)
    from trytond.modules.gold_rate.tests.tools import create_gold, enter_rates

    create_database(modules)
    config = proteus_config.set_trytond(DATABASE)
    create_company()
    company = get_company()
    create_jewellery_chart(company)
    Tax = Model.get('account.tax')
    Category = Model.get('product.category')
    gst, = Tax.find([('name', '=', 'GST 3%'), ('parent', '=', None)])
    category = Category(name="Jewellery", accounting=True)
    category.customer_taxes.append(gst)
    category.save()

    gold, purities = create_gold()
    enter_rates(gold, 78500, 76900)
    Uom = Model.get('product.uom')
    Template = Model.get('product.template')
    unit, = Uom.find([('name', '=', 'Unit')])
    template = Template(name="22K Bangle", type='goods', default_uom=unit)
    template.account_category = category
    template.gold_metal = gold
    template.gold_purity = purities['22K']
    template.gold_sale_mode = 'tagged'
    template.gold_making_mode = 'percent'
    template.gold_making_value = Decimal(12)
    template.gold_hallmark_charge = Decimal(45)
    template.save()
    plain = Template(name="Gift Box", type='goods', default_uom=unit)
    plain.list_price = Decimal(450)
    plain.account_category = category
    plain.save()
    return config, template.products[0], plain.products[0]


def timed(func, repeat):
    "Return the per-call seconds of func over repeat calls (median of 5)"
    runs = []
    for _ in range(5):
        start = time.perf_counter()
        for _ in range(repeat):
            func()
        runs.append((time.perf_counter() - start) / repeat)
    return statistics.median(runs)


def backend_name():
    uri = os.environ.get('TRYTOND_DATABASE_URI', 'sqlite://')
    return uri.split(':', 1)[0]


def report(title, rows):
    "Print a small table of (label, value, unit)"
    print(f"\n{title} [{backend_name()}, Python {sys.version.split()[0]}]")
    for label, value, unit in rows:
        print(f"  {label:<48} {value:>12} {unit}")
