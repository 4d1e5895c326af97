from trytond.model import Index
from trytond.pool import PoolMeta


class POSSale(metaclass=PoolMeta):
    __name__ = 'sale.point.sale'

    @classmethod
    def __setup__(cls):
        super().__setup__()
        t = cls.__table__()
        # the reports read a company's bills of a period, and the posted
        # ones
        cls._sql_indexes.update({
                Index(t, (t.company, Index.Range()), (t.date, Index.Range())),
                Index(t, (t.state, Index.Equality())),
                })
