"""Last in, first out: the pure part of the LIFO cost method (no database).

A layer is what one incoming move left in stock: [key, quantity, unit cost],
kept oldest first. Quantities are Decimal in the product's unit."""
from decimal import Decimal


def consume(layers, quantity):
    """Take quantity from the newest layers: return [(key, quantity taken,
    unit cost)] newest first, and lower the layers' quantities in place.
    What the layers cannot cover is not taken."""
    taken = []
    for layer in reversed(layers):
        if quantity <= 0:
            break
        key, available, cost = layer
        if available <= 0:
            continue
        take = min(available, quantity)
        layer[1] = available - take
        quantity -= take
        taken.append((key, take, cost))
    return taken


def unit_cost(pairs):
    "Return the average unit cost of [(quantity, unit cost)], None if empty"
    quantity = sum((q for q, _ in pairs), Decimal(0))
    if quantity <= 0:
        return None
    return sum((q * c for q, c in pairs), Decimal(0)) / quantity


def average(cost, quantity, price, moved):
    """Return the average unit cost of quantity at cost after moved units
    at price come in (moved > 0) or go out (moved < 0), as Tryton's
    average keeps it; the cost stays when nothing would be left"""
    if quantity + moved > 0 and quantity >= 0:
        return (cost * quantity + price * moved) / (quantity + moved)
    if moved > 0:
        return price
    return cost
