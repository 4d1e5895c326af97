"""Price 100,000 pieces through the pure pricing core.

Baseline: the plain Tryton sale line arithmetic (quantity x unit price,
rounded to the currency) on the same Decimal inputs, in the same run.
"""
import random
import time
from decimal import ROUND_HALF_UP, Decimal

from common import report

from trytond.modules.gold_product.pricing import (
    PriceInput, Rounding, Stone, price_piece)

N = 100_000


def inputs():
    rng = random.Random(42)
    taxes = (('CGST', Decimal('0.015')), ('SGST', Decimal('0.015')))
    for i in range(N):
        gross = Decimal(rng.randrange(2000, 60000)) / 1000
        stones = ()
        if i % 5 == 0:
            stones = (Stone(pieces=3, carats=Decimal('0.30'),
                    rate=Decimal('55000'), certificate_charge=Decimal(500)),)
        yield PriceInput(
            gross_weight=gross, stone_weight=Decimal('0.060') if stones
            else Decimal(0), factor=Decimal('0.916'), rate=Decimal('7190.60'),
            making_mode=('percent', 'per_gram_net', 'per_piece')[i % 3],
            making_value=(Decimal(12), Decimal(450), Decimal(1500))[i % 3],
            wastage_mode='percent_weight', wastage_value=Decimal(3),
            stones=stones, hallmark_charge=Decimal(45), taxes=taxes,
            rounding=Rounding('total', Decimal(1), 'half_up'))


def main():
    data = list(inputs())
    start = time.perf_counter()
    for inp in data:
        price_piece(inp)
    ours = (time.perf_counter() - start) / N

    cent = Decimal('0.01')
    start = time.perf_counter()
    for inp in data:
        (inp.gross_weight * inp.rate).quantize(cent, rounding=ROUND_HALF_UP)
    plain = (time.perf_counter() - start) / N

    report(f"Pricing core, {N:,} pieces", [
            ("price_piece per piece", f"{ours * 1e6:.1f}", "us"),
            ("plain Tryton line arithmetic per line", f"{plain * 1e6:.2f}",
                "us"),
            ("ratio pricing core / plain", f"{ours / plain:.1f}", "x"),
            ("pieces priced per second", f"{1 / ours:,.0f}", "/s"),
            ])


if __name__ == '__main__':
    main()
