"""A company's currency has a rate from the start.

Tryton's sales and margin reporting join the currency's rates: a company
whose currency has no rate shows no sale at all. A company created with a
currency that has no rate gives it the rate 1 from the earliest date
(datetime.date.min: the company's own currency is worth 1 of itself); a
currency that already has rates is left as it is."""
import datetime as dt
from decimal import Decimal

from trytond.pool import Pool, PoolMeta
from trytond.transaction import without_check_access


class Company(metaclass=PoolMeta):
    __name__ = 'company.company'

    @classmethod
    def create(cls, vlist):
        companies = super().create(vlist)
        cls.gold_add_currency_rates(companies)
        return companies

    @classmethod
    def write(cls, *args):
        super().write(*args)
        cls.gold_add_currency_rates(sum(args[::2], []))

    @classmethod
    def gold_add_currency_rates(cls, companies):
        "Give the currencies of companies without any rate the rate 1"
        Rate = Pool().get('currency.currency.rate')
        currencies = {c.currency for c in companies if c.currency}
        if not currencies:
            return
        rated = {r.currency for r in Rate.search([
                    ('currency', 'in', [c.id for c in currencies]),
                    ])}
        with without_check_access():
            Rate.create([{
                        'currency': c.id,
                        'date': cls.gold_first_rate_date(),
                        'rate': Decimal(1),
                        } for c in currencies - rated])

    @classmethod
    def gold_first_rate_date(cls):
        "The date of the rate given: the earliest, as Tryton's tests do"
        return dt.date.min
