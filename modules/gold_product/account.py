from trytond.pool import Pool, PoolMeta


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
    __name__ = 'product.category'


class CategoryCustomerTax(_ClearGoldTaxes, metaclass=PoolMeta):
    __name__ = 'product.category-customer-account.tax'
