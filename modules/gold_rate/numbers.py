"""The suite's two roundings, pure (no database): money to the cent (the
paisa) and weights to the milligram, both half up, as bills, ledgers and
scales round. Tryton's floats (a move's quantity, a sum SQLite returns)
become Decimal through their shortest repr first: 34.5265 summed by
SQLite comes back as 34.526499999999996 and is 34.527 g."""
from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal('0.01')
MILLIGRAM = Decimal('0.001')


def _decimal(value):
    if isinstance(value, float):
        return Decimal(repr(round(value, 6)))
    return Decimal(value)


def cents(amount):
    "Return an amount to the cent, half up"
    return _decimal(amount).quantize(CENT, rounding=ROUND_HALF_UP)


def grams(value):
    "Return a weight in grams to the milligram, half up"
    return _decimal(value).quantize(MILLIGRAM, rounding=ROUND_HALF_UP)
