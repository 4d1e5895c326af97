"""Two counters take cash from the same customer at the same moment, on two
PostgreSQL connections: the cash cap of the customer's day holds."""
import unittest
from decimal import Decimal

from proteus import Model

from trytond import backend
from trytond.modules.company.tests.tools import create_company, get_company
from trytond.modules.currency.tests.tools import get_currency
from trytond.modules.gold_sale_point.tests.tools import (
    create_counter_shop, race)
from trytond.pool import Pool
from trytond.tests.test_tryton import DB_NAME, drop_db
from trytond.tests.tools import activate_modules
from trytond.transaction import Transaction


def create_inr_company(config):
    create_company(currency=get_currency('INR', config=config), config=config)


@unittest.skipIf(backend.name != 'postgresql',
    "SQLite serialises writers on the database file")
class CashCapConcurrencyTestCase(unittest.TestCase):
    "Two connections pay cash on two bills of one customer"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # as a scenario's tear-down does: the pool's connections closed and
        # the caches dropped, or the next set-up restores a database under
        # them
        cls.addClassCleanup(drop_db)
        config = activate_modules(
            ['gold_compliance', 'gold_account'], create_inr_company)
        shop = create_counter_shop(get_company(), pieces=4)
        Party = Model.get('party.party')
        Sale = Model.get('sale.point.sale')
        party = Party(name="Ravi Kumar")
        party.save()
        cls.sales = []
        for pieces in [shop.pieces[:2], shop.pieces[2:]]:
            # two bangles: 1,58,597.36
            sale = Sale(point=shop.pos, party=party)
            for piece in pieces:
                sale.gold_scan = piece.number
            sale.save()
            cls.sales.append(sale.id)
        cls.cash = shop.methods['Cash'].id
        cls.user = config.user
        cls.context = config._context

    def pay_cash(self, sale, amount):
        "Return the write of a cash payment of amount on sale"
        def write():
            Payment = Pool(DB_NAME).get('sale.point.payment')
            Payment.create([{
                        'sale': sale,
                        'method': self.cash,
                        'amount': amount,
                        }])
        return write

    def race(self, first, second):
        return race(self.user, self.context,
            self.pay_cash(self.sales[0], first),
            self.pay_cash(self.sales[1], second))

    def test_cash_cap_holds(self):
        """Each of two bills of 1,58,597.36 takes 79,298.68 in cash, in a
        day capped at 2,00,000: together 1,58,597.36, both pass. A second
        round of 25,000.00 each would make 2,08,597.36: the counter that
        checks second waits for the first to commit, and is refused"""
        self.assertEqual(
            self.race(Decimal('79298.68'), Decimal('79298.68')),
            {'first': None, 'second': None})
        results = self.race(Decimal('25000.00'), Decimal('25000.00'))
        self.assertIsNone(results['first'])
        self.assertEqual(type(results['second']).__name__, 'AMLError',
            msg=results['second'])
        self.assertIn("s.269ST", str(results['second']))
        self.assertIn("208,597.36", str(results['second']))
        with Transaction().start(DB_NAME, self.user, context=self.context):
            Payment = Pool().get('sale.point.payment')
            payments = Payment.search([('sale', 'in', self.sales)])
            self.assertEqual(
                sum(p.amount for p in payments), Decimal('183597.36'))
