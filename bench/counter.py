"""Counter benchmarks, driven through proteus the way a client does it
(every field set triggers its on_change call):

1. A gold bill: 3 tags scanned into the bill's Scan field, 1 old gold
   exchange line with a reading,
   2 payments (card, then cash), processed and posted; against Tryton's
   plain sale_point bill of 3 ordinary lines and the same 2 payments, in
   the same database and run.
2. Scan to priced line with many tags in the database: through the bill's
   Scan field (one on_change finds the tag by number, barcode or HUID,
   checks it and prices it), and through a line's Piece field (the tag
   looked up as the client's Many2One does, then the line's on_change).

Run from the repository root: .venv/bin/python bench/counter.py
[--bills N] [--tags N]; TRYTOND_DATABASE_URI=postgresql://... for
PostgreSQL.
"""
import argparse
import os
import random
import statistics
import sys
import time
from decimal import Decimal

sys.path.insert(0, os.path.dirname(__file__))

from common import DATABASE, create_database, report  # noqa: E402


def setup(bills):
    from proteus import Model
    from proteus import config as proteus_config
    from trytond.modules.company.tests.tools import (
        create_company, get_company)
    from trytond.modules.gold_sale_point.tests.tools import (
        account, create_counter_shop)

    create_database(['gold_sale_point', 'gold_account'])
    proteus_config.set_trytond(DATABASE)
    create_company()
    shop = create_counter_shop(get_company(), pieces=3 * bills)
    Template = Model.get('product.template')
    Uom = Model.get('product.uom')
    Inventory = Model.get('stock.inventory')
    unit, = Uom.find([('name', '=', 'Unit')])
    boxes = []
    # an ordinary stocked item has a cost, so that posting values its stock
    # as it values the pieces' (account_stock_continental posts nothing
    # for a move of zero cost); the zero-cost box shows what that leaves out
    for name, cost in [("Gift Box", Decimal('180.00')),
            ("Sample Box", Decimal(0))]:
        box = Template(name=name, type='goods', default_uom=unit)
        box.list_price = Decimal('450.00')
        box.account_category = shop.category
        box.salable = True
        box.save()
        box, = box.products
        box.cost_price = cost
        box.save()
        boxes.append(box)
    inventory = Inventory(location=shop.storage)
    for box in boxes:
        inventory.lines.new(product=box, quantity=3 * bills)
    inventory.click('confirm')
    shop.box, shop.box_no_cost = boxes
    shop.account = account
    return shop


def gold_bill(shop, pieces):
    from proteus import Model
    Sale = Model.get('sale.point.sale')
    sale = Sale(point=shop.pos)
    for number in pieces:
        # the counter scans the tag into the bill's Scan field
        sale.gold_scan = number
    old = sale.gold_old_lines.new()
    old.description = "Old chain"
    old.purity = shop.purities['22K']
    old.gross_weight = Decimal('2.000')
    old.readings.new(purity=Decimal('91.60'))
    sale.save()
    pay(sale, shop)
    sale.click('post')


def plain_bill(shop, box=None):
    from proteus import Model
    Sale = Model.get('sale.point.sale')
    sale = Sale(point=shop.pos)
    for _ in range(3):
        line = sale.lines.new()
        line.product = box or shop.box
        line.quantity = 1
    sale.save()
    pay(sale, shop)
    sale.click('post')


def pay(sale, shop):
    "Two payments: a card for a part, the rest in cash"
    payment = sale.click('pay')
    payment.form.method = shop.methods['Card']
    payment.form.amount = (payment.form.amount / 2).quantize(Decimal('0.01'))
    payment.form.gold_reference = 'AP1'
    payment.execute('pay')
    payment.form.method = shop.methods['Cash']
    payment.execute('pay')


def time_each(func, items):
    times = []
    for item in items:
        start = time.perf_counter()
        func(item)
        times.append(time.perf_counter() - start)
    return times


def bench_bills(bills):
    shop = setup(bills)
    # the tag numbers printed on the pieces
    pieces = [p.number for p in shop.pieces]
    # warm up both paths once
    plain_bill(shop)
    gold_bill(shop, pieces[:3])
    batches = [pieces[i:i + 3] for i in range(3, len(pieces), 3)]
    # alternate the two bills so that a drift of the machine or the
    # database's growth weighs on both alike
    plain_bill(shop, shop.box_no_cost)
    plain, gold, no_cost = [], [], []
    for batch in batches:
        plain.extend(time_each(lambda _: plain_bill(shop), [batch]))
        gold.extend(time_each(lambda batch: gold_bill(shop, batch), [batch]))
        no_cost.extend(time_each(
                lambda _: plain_bill(shop, shop.box_no_cost), [batch]))
    p, g = statistics.median(plain), statistics.median(gold)
    z = statistics.median(no_cost)
    report(f"Counter bill, posted, median of {len(batches)}", [
            ("gold bill: 3 tags, 1 old gold, 2 payments", f'{g * 1000:.0f}',
                'ms'),
            ("plain sale_point bill: 3 lines, 2 payments", f'{p * 1000:.0f}',
                'ms'),
            ("ratio gold / plain (goal <= 1.0)", f'{g / p:.2f}', ''),
            ("plain bill of items of zero cost (no stock valued)",
                f'{z * 1000:.0f}', 'ms'),
            ("ratio gold / plain of zero cost", f'{g / z:.2f}', ''),
            ])
    return shop


def bench_scan(shop, tags, samples=200):
    from proteus import Model
    Lot = Model.get('stock.lot')
    Sale = Model.get('sale.point.sale')
    start = time.perf_counter()
    for first in range(0, tags, 500):
        Lot._proxy.create([{
                    'product': shop.bangle.id,
                    'number': f'S{i:06d}',
                    'gold_gross_weight': Decimal(2000 + i % 40000) / 1000,
                    'gold_huid': f'H{i:05d}',
                    } for i in range(first, min(first + 500, tags))],
            Lot._config.context)
    created = time.perf_counter() - start
    random.seed(8)
    sample = [f'S{i:06d}' for i in random.sample(range(tags), samples)]
    # the scanned tags are in stock at the counter
    Inventory = Model.get('stock.inventory')
    inventory = Inventory(location=shop.storage)
    for lot in Lot.find([('number', 'in', sample)]):
        inventory.lines.new(product=shop.bangle, lot=lot, quantity=1)
    inventory.click('confirm')
    sale = Sale(point=shop.pos)

    def scan(number):
        "The bill's Scan field: one on_change finds, checks and prices"
        start = time.perf_counter()
        sale.gold_scan = number
        elapsed = time.perf_counter() - start
        line = sale.lines[-1]
        assert line.lot.number == number and line.gold_total
        # the next scan starts from the same bill (not timed)
        sale.lines.remove(line)
        return elapsed

    def piece_field(number):
        "The Piece field of a line typed in the editable list"
        start = time.perf_counter()
        lot, = Lot.find([('rec_name', '=', number)])
        line = sale.lines.new()
        line.lot = lot
        elapsed = time.perf_counter() - start
        assert line.gold_total
        sale.lines.remove(line)
        return elapsed

    scans = [scan(number) for number in sample]
    fields = [piece_field(number) for number in sample]
    count = Lot._proxy.search_count([], Lot._config.context)

    def median(times):
        return f'{statistics.median(times) * 1000:.1f}'

    def p95(times):
        return f'{sorted(times)[int(samples * .95)] * 1000:.1f}'

    report(f"Scan to priced line, {count} tags in the "
        "database", [
            (f"created {tags} tags (bulk)", f'{created:.0f}', 's'),
            (f"Scan field: find tag, check, price, median of {samples}",
                median(scans), 'ms'),
            ("Scan field: 95th percentile", p95(scans), 'ms'),
            ("line's Piece field: find tag + line on_change, median",
                median(fields), 'ms'),
            ("line's Piece field: 95th percentile", p95(fields), 'ms'),
            ("goal (median)", '30.0', 'ms'),
            ])


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--bills', type=int, default=20)
    parser.add_argument('--tags', type=int, default=100000)
    args = parser.parse_args()
    shop = bench_bills(args.bills)
    if args.tags:
        bench_scan(shop, args.tags)


if __name__ == '__main__':
    main()
