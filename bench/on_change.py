"""The on_change that prices a piece while it is tagged, as a client calls
it (proteus: a changed gross weight sends Lot.on_change_gross_weight).

Baseline, in the same run: plain Tryton's on_change when a product is set
on a new stock move (stock.move on_change_product).
"""
from decimal import Decimal

from common import report, setup, timed

REPEAT = 200


def main():
    config, product, plain = setup()
    from proteus import Model
    Lot = Model.get('stock.lot')
    Move = Model.get('stock.move')
    lot = Lot(product=product)
    weights = iter(Decimal(10000 + i) / 1000 for i in range(10 ** 6))

    def price():
        lot.gold_gross_weight = next(weights)
        assert lot.gold_sale_price

    move = Move()

    def plain_change():
        move.product = plain
        move.product = None

    ours = timed(price, REPEAT)
    base = timed(plain_change, REPEAT) / 2
    report("On change that prices a piece", [
            ("Lot gross weight -> price (on_change)", f"{ours * 1e3:.2f}",
                "ms"),
            ("plain Tryton stock.move product on_change", f"{base * 1e3:.2f}",
                "ms"),
            ("ratio", f"{ours / base:.2f}", "x"),
            ])


if __name__ == '__main__':
    main()
