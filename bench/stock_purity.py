"""Stock by purity and location over many pieces: the Stock by
Purity report (one SQL aggregate over the done moves) against Tryton's own
stock computation of the same lots (Product.products_by_location grouped by
product and lot, which gives quantities only, no weights), in the same
database and run.

The pieces are created in bulk and their incoming moves are written by SQL
(set-up, not measured), then the database is analysed as autovacuum would:
2 purities, 5 storage locations.

Run from the repository root: .venv/bin/python bench/stock_purity.py
[--pieces N]; TRYTOND_DATABASE_URI=postgresql://... for PostgreSQL (the
goal, at most 1 s for 100,000 pieces, is on PostgreSQL).
"""
import argparse
import datetime as dt
import os
import statistics
import sys
import time
from decimal import Decimal

sys.path.insert(0, os.path.dirname(__file__))

from common import DATABASE, report, setup  # noqa: E402


def populate(pieces):
    from proteus import Model
    config, bangle, _ = setup(('gold_stock', 'gold_account'))
    Template = Model.get('product.template')
    Location = Model.get('stock.location')
    Lot = Model.get('stock.lot')
    Purity = Model.get('gold.purity')
    template = bangle.template
    products = [bangle]
    for name in ['18K']:
        other = Template(name=f"{name} Ring", type='goods',
            default_uom=template.default_uom)
        other.gold_metal = template.gold_metal
        other.gold_purity, = Purity.find([('name', '=', name)])
        other.gold_sale_mode = 'tagged'
        other.save()
        products.append(other.products[0])
    warehouse, = Location.find([('code', '=', 'WH')])
    supplier, = Location.find([('code', '=', 'SUP')])
    locations = [warehouse.storage_location]
    for i in range(4):
        location = Location(name=f"Tray {i + 1}", type='storage',
            parent=warehouse.storage_location)
        location.save()
        locations.append(location)
    start = time.perf_counter()
    lot_ids = []
    for first in range(0, pieces, 1000):
        lot_ids.extend(Lot._proxy.create([{
                        'product': products[i % len(products)].id,
                        'number': f'P{i:06d}',
                        'gold_gross_weight': Decimal(2000 + i % 40000) / 1000,
                        'gold_stone_weight': Decimal(i % 7) / 10,
                        'gold_huid': f'Q{i:05d}',
                        } for i in range(first, min(first + 1000, pieces))],
                Lot._config.context))
    created = time.perf_counter() - start
    write_moves(lot_ids, products, supplier, locations, config)
    return config, products, locations, created


def write_moves(lot_ids, products, supplier, locations, config):
    "One done incoming move a piece, written by SQL (bench set-up)"
    from trytond.pool import Pool
    from trytond.transaction import Transaction
    company = config.context['company']
    today = dt.date.today()
    # proteus records are read before the server transaction starts
    unit = products[0].default_uom.id
    product_ids = [p.id for p in products]
    supplier_id = supplier.id
    location_ids = [l.id for l in locations]
    with Transaction(new=True).start(DATABASE, 0) as transaction:
        pool = Pool()
        Move = pool.get('stock.move')
        Company = pool.get('company.company')
        currency = Company(company).currency.id
        table = Move.__table__()
        cursor = transaction.connection.cursor()
        columns = [table.product, table.lot, table.unit, table.quantity,
            table.internal_quantity, table.from_location, table.to_location,
            table.company, table.currency, table.unit_price, table.state,
            table.effective_date, table.planned_date, table.create_uid,
            table.create_date]
        now = dt.datetime.now()
        rows = []
        for i, lot_id in enumerate(lot_ids):
            rows.append([product_ids[i % len(product_ids)], lot_id, unit,
                    1.0, 1.0, supplier_id, location_ids[i % len(location_ids)],
                    company, currency, Decimal('60000'), 'done', today,
                    today, 0, now])
            if len(rows) == 1000:
                cursor.execute(*table.insert(columns, rows))
                rows = []
        if rows:
            cursor.execute(*table.insert(columns, rows))
        # the statistics autovacuum would gather after such a load
        cursor.execute('ANALYZE')
        transaction.commit()


def measure(config, products, locations, repeat=7):
    from trytond.pool import Pool
    from trytond.transaction import Transaction
    context = dict(config.context)
    ours, plain, rows = [], [], None
    location_ids = [l.id for l in locations]
    with Transaction(new=True).start(DATABASE, 0, context=context):
        pool = Pool()
        StockPurity = pool.get('gold.stock.purity')
        Product = pool.get('product.product')
        for _ in range(repeat):
            start = time.perf_counter()
            rows = StockPurity.search_read([], fields_names=[
                    'location', 'purity', 'pieces', 'gross_weight',
                    'net_weight', 'fine_weight'])
            ours.append(time.perf_counter() - start)
            start = time.perf_counter()
            with Transaction().set_context(
                    stock_date_end=dt.date.today()):
                quantities = Product.products_by_location(
                    location_ids, with_childs=False,
                    grouping=('product', 'lot'))
            plain.append(time.perf_counter() - start)
    pieces = sum(r['pieces'] for r in rows)
    fine = sum(r['fine_weight'] for r in rows)
    held = sum(1 for q in quantities.values() if q)
    return (statistics.median(ours), statistics.median(plain), len(rows),
        pieces, fine, held)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--pieces', type=int, default=100000)
    args = parser.parse_args()
    config, products, locations, created = populate(args.pieces)
    ours, plain, rows, pieces, fine, held = measure(
        config, products, locations)
    report(f"Stock by purity and location, {args.pieces} pieces", [
            ("created the pieces (bulk, not measured)", f'{created:.0f}',
                's'),
            (f"Stock by Purity: {rows} rows, {pieces} pieces, {fine} g fine",
                f'{ours * 1000:.0f}', 'ms'),
            (f"Tryton products_by_location by lot ({held} lots held)",
                f'{plain * 1000:.0f}', 'ms'),
            ("ratio ours / Tryton", f'{ours / plain:.2f}', ''),
            ("goal (PostgreSQL)", '1000', 'ms'),
            ])


if __name__ == '__main__':
    main()
