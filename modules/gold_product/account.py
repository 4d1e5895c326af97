from sql import Null

from trytond.pool import Pool, PoolMeta
from trytond.transaction import Transaction


def clear_gold_taxes_cache():
    Pool().get('product.template')._gold_taxes_cache.clear()


class _ClearGoldTaxes:
    "Clear the cached sale taxes of jewellery products on any change"
    __slots__ = ()

    @classmethod
    def create(cls, vlist):
        clear_gold_taxes_cache()
        return super().create(vlist)

    @classmethod
    def write(cls, *args):
        clear_gold_taxes_cache()
        super().write(*args)

    @classmethod
    def delete(cls, records):
        clear_gold_taxes_cache()
        super().delete(records)


class Tax(_ClearGoldTaxes, metaclass=PoolMeta):
    __name__ = 'account.tax'


class Category(_ClearGoldTaxes, metaclass=PoolMeta):
    "The stock account is account_stock_continental's (account_stock)"
    __name__ = 'product.category'


class CategoryAccount(metaclass=PoolMeta):
    __name__ = 'product.category.account'

    @classmethod
    def __register__(cls, module):
        table_h = cls.__table_handler__(module)
        migrate = table_h.column_exist('gold_account_stock')
        super().__register__(module)
        if migrate:
            # Migration: the stock account of a category was ours before
            # it was account_stock_continental's
            cursor = Transaction().connection.cursor()
            table = cls.__table__()
            cursor.execute(*table.update(
                    [table.account_stock], [table.gold_account_stock],
                    where=table.account_stock == Null))
            table_h.drop_column('gold_account_stock')


class CategoryCustomerTax(_ClearGoldTaxes, metaclass=PoolMeta):
    __name__ = 'product.category-customer-account.tax'
