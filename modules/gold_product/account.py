from trytond.model import fields
from trytond.pool import Pool, PoolMeta
from trytond.pyson import Eval


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

    gold_account_stock = fields.MultiValue(fields.Many2One(
            'account.account', "Account Stock",
            domain=[
                ('closed', '!=', True),
                ('type.stock', '=', True),
                ('company', '=', Eval('context', {}).get('company', -1)),
                ],
            states={
                'invisible': (~Eval('context', {}).get('company')
                    | Eval('account_parent')
                    | ~Eval('accounting', False)),
                },
            help="The inventory account credited, at cost, when the "
            "counter sells goods of the category."))

    @classmethod
    def multivalue_model(cls, field):
        if field == 'gold_account_stock':
            return Pool().get('product.category.account')
        return super().multivalue_model(field)


class CategoryAccount(metaclass=PoolMeta):
    __name__ = 'product.category.account'

    gold_account_stock = fields.Many2One(
        'account.account', "Account Stock",
        domain=[
            ('type.stock', '=', True),
            ('company', '=', Eval('company', -1)),
            ])


class CategoryCustomerTax(_ClearGoldTaxes, metaclass=PoolMeta):
    __name__ = 'product.category-customer-account.tax'
