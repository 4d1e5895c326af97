"""Create 10,000 tagged pieces through proteus, against plain Tryton stock
lots created the same way in the same run, two ways:

- records: proteus Model instances, field by field as a client fills a
  form (each field set calls the server's on_change, which prices the
  piece), saved in batches of 500;
- bulk: one proteus RPC create per batch of 500 values, as integrators do
  (no form on_change);
- import: the CSV import's server call, Lot.gold_import, with all the rows
  at once (checks every row, then creates all or nothing), against the
  plain bulk create.

Goal: at most 120 s for 10,000 pieces on a 2-core machine.

    python bench/create_pieces.py [COUNT]
"""
import sys
import time
from decimal import Decimal

from common import report, setup

BATCH = 500


def values(product, i, gold, prefix):
    value = {'product': product.id, 'number': f'{prefix}{i:06d}'}
    if gold:
        value.update({
                'gold_gross_weight': Decimal(2000 + i % 40000) / 1000,
                'gold_stone_weight': Decimal('0.100'),
                'gold_huid': f'{prefix}{i:04d}'[-6:],
                })
    return value


def create_records(Lot, product, count, gold, prefix):
    start = time.perf_counter()
    for first in range(0, count, BATCH):
        lots = []
        for i in range(first, min(first + BATCH, count)):
            lot = Lot()
            for name, value in values(product, i, gold, prefix).items():
                setattr(lot, name, product if name == 'product' else value)
            lots.append(lot)
        Lot.save(lots)
    return time.perf_counter() - start


def create_bulk(Lot, product, count, gold, prefix):
    start = time.perf_counter()
    for first in range(0, count, BATCH):
        Lot._proxy.create([values(product, i, gold, prefix)
                for i in range(first, min(first + BATCH, count))],
            Lot._config.context)
    return time.perf_counter() - start


def create_import(Lot, product, count, gold, prefix):
    start = time.perf_counter()
    Lot.gold_import([dict(values(product, i, gold, prefix), line=i + 2)
            for i in range(count)], Lot._config.context)
    return time.perf_counter() - start


def main(count):
    config, product, plain = setup()
    from proteus import Model
    Lot = Model.get('stock.lot')
    rows = []
    for label, create, plain_create, prefix in [
            ("records", create_records, create_records, 'R'),
            ("bulk", create_bulk, create_bulk, 'B'),
            ("import", create_import, create_bulk, 'I')]:
        ours = create(Lot, product, count, True, prefix + 'G')
        base = plain_create(Lot, plain, count, False, prefix + 'P')
        rows += [
            (f"{label}: tagged pieces", f"{ours:.1f}", "s"),
            (f"{label}: plain Tryton stock lots", f"{base:.1f}", "s"),
            (f"{label}: ratio", f"{ours / base:.2f}", "x"),
            ]
    report(f"Creating {count:,} tagged pieces through proteus", rows)


if __name__ == '__main__':
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 10_000)
