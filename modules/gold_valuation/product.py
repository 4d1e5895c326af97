"""LIFO beside Tryton's fixed, average and FIFO cost methods.

It keeps its layers the way product_cost_fifo does: the quantity consumed
of each incoming move (stock.move.fifo_quantity), so that Tryton's guards on
consumed moves (no cancel, no delete) hold for LIFO too. Only the order
differs: an outgoing move consumes the newest layers first."""
from decimal import Decimal

import trytond.config as config
from trytond.modules.product import round_price
from trytond.pool import Pool, PoolMeta

from . import lifo


class Template(metaclass=PoolMeta):
    __name__ = 'product.template'

    @classmethod
    def __setup__(cls):
        super().__setup__()
        selection = ('lifo', "LIFO")
        if selection not in cls.cost_price_method.selection:
            cls.cost_price_method._field.selection.append(selection)


class Product(metaclass=PoolMeta):
    __name__ = 'product.product'

    def get_fifo_move(self, quantity=0.0, date=None):
        """Under LIFO the layers consumed are the newest: the outgoing move
        of product_cost_fifo consumes what this returns"""
        if date is None and self.get_multivalue('cost_price_method') == 'lifo':
            return self.get_lifo_move(quantity)
        return super().get_fifo_move(quantity=quantity, date=date)

    def get_lifo_move(self, quantity):
        """Return [(move, quantity)] of the incoming moves that an outgoing
        quantity (in the product's unit) consumes, newest first"""
        pool = Pool()
        Uom = pool.get('product.uom')
        size = config.getint('cache', 'record')
        result, offset = [], 0
        remaining = quantity
        while remaining > 0:
            moves = self._get_available_fifo_moves(offset=offset, limit=size)
            if not moves:
                break
            for move in moves:
                available = Uom.compute_qty(
                    move.unit, move.fifo_quantity_available,
                    self.default_uom, round=False)
                take = min(available, remaining)
                result.append((move, take))
                remaining -= take
                if remaining <= 0:
                    break
            offset += size
        return result

    def recompute_cost_price_lifo(self, start=None):
        """Replay the product's done moves in order (each day's incoming
        first): an outgoing move costs the layers it consumes, newest first,
        and the product's cost is averaged as the moves did it when they
        were done. The layers depend on the whole history, so the replay
        starts at the first move whatever start is."""
        pool = Pool()
        Move = pool.get('stock.move')
        Uom = pool.get('product.uom')
        Revision = pool.get('product.cost_price.revision')
        moves = Move.search([
                ('product', '=', self.id),
                self._domain_moves_cost(),
                ['OR',
                    self._domain_in_moves_cost(),
                    self._domain_out_moves_cost(),
                    ],
                ])
        incoming = {m.id for m in moves if m.to_location.type == 'storage'}
        moves.sort(key=lambda m: (
                m.effective_date, m.id not in incoming, m.id))
        revisions = Revision.get_for_product(self)
        layers, cost_price, quantity = [], Decimal(0), Decimal(0)
        to_write = []
        for move in moves:
            cost_price = Revision.apply_up_to(
                revisions, cost_price, move.effective_date)
            moved = Decimal(str(Uom.compute_qty(
                        move.unit, move.quantity, self.default_uom,
                        round=False)))
            if move.id in incoming:
                unit = move.get_cost_price(product_cost_price=cost_price)
                layers.append([move, moved, unit])
                cost_price = round_price(
                    lifo.average(cost_price, quantity, unit, moved))
                values = {'cost_price': cost_price}
            else:
                taken = lifo.consume(layers, moved)
                out_cost = lifo.unit_cost([(q, c) for _, q, c in taken])
                if out_cost is None:
                    out_cost = cost_price
                # averaged with the cost unrounded, as the move did it
                cost_price = round_price(
                    lifo.average(cost_price, quantity, out_cost, -moved))
                moved = -moved
                values = {
                    'cost_price': round_price(out_cost),
                    'product_cost_price': cost_price,
                    }
            quantity += moved
            if any(getattr(move, k) != v for k, v in values.items()):
                to_write.extend(([move], values))
        for move, left, _ in layers:
            consumed = move.quantity - Uom.compute_qty(
                self.default_uom, float(left), move.unit, round=False)
            if move.fifo_quantity != consumed:
                to_write.extend(([move], {'fifo_quantity': consumed}))
        if to_write:
            Move.write(*to_write)
        for revision in revisions:
            cost_price = revision.get_cost_price(cost_price)
        return cost_price
