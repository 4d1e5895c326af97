from trytond.pool import PoolMeta


class Move(metaclass=PoolMeta):
    __name__ = 'stock.move'

    def _do(self):
        """Under LIFO an incoming move averages the product's cost and
        every move out of storage (a sale, a return to the supplier)
        consumes the newest layers at their cost"""
        cost_price, to_save = super()._do()
        method = self.product.get_multivalue(
            'cost_price_method', **self._cost_price_pattern)
        if method != 'lifo':
            return cost_price, to_save
        from_type = self.from_location.type
        to_type = self.to_location.type
        if from_type != 'storage' and to_type == 'storage':
            cost_price = self._compute_product_cost_price('in')
        elif from_type == 'storage' and to_type != 'storage':
            lifo_cost, cost_price, moves = (
                self._update_fifo_out_product_cost_price())
            if self.cost_price_required:
                if self.cost_price is None:
                    self.cost_price = lifo_cost
                if self.product_cost_price is None:
                    self.product_cost_price = cost_price
            to_save.extend(moves)
        return cost_price, to_save
