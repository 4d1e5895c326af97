"""Tryton's gram weighs to the milligram: jewellery weights have 3
decimals (a net weight of 16.983 g after a melting loss), and a stock move
of old gold or a bullion line sold by the gram carries them."""
from sql import Table

from trytond.pool import PoolMeta
from trytond.transaction import Transaction

# the gram's rounding and digits as Tryton's product module creates it
TRYTON_GRAM = (0.01, 2)
GRAM = (0.001, 3)


class Uom(metaclass=PoolMeta):
    __name__ = 'product.uom'

    @classmethod
    def __register__(cls, module):
        super().__register__(module)
        cls.gold_weigh_milligrams()

    @classmethod
    def gold_weigh_milligrams(cls):
        """Give the gram 3 digits, unless the shop set its own: the rounding
        and digits are not in product's XML, which leaves them as they are"""
        cursor = Transaction().connection.cursor()
        table = cls.__table__()
        data = Table('ir_model_data')
        cursor.execute(*data.select(data.db_id, where=(
                    (data.module == 'product') & (data.fs_id == 'uom_gram')
                    & (data.model == cls.__name__))))
        row = cursor.fetchone()
        if not row:
            return
        gram_id, = row
        cursor.execute(*table.select(
                table.rounding, table.digits, where=table.id == gram_id))
        rounding, digits = cursor.fetchone()
        if (float(rounding), digits) == TRYTON_GRAM:
            cursor.execute(*table.update(
                    [table.rounding, table.digits], list(GRAM),
                    where=table.id == gram_id))
