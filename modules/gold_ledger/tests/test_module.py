import datetime as dt
from decimal import Decimal

from trytond.modules.company.tests import (
    CompanyTestMixin, create_company, set_company)
from trytond.modules.gold_ledger.exceptions import LedgerAccessError
from trytond.pool import Pool
from trytond.tests.test_tryton import ModuleTestCase, with_transaction


class GoldLedgerTestCase(CompanyTestMixin, ModuleTestCase):
    "Test Gold Ledger module"
    module = 'gold_ledger'
    # as scenario_purchase_metal: the test database is built once for both
    extras = ['gold_purchase', 'gold_account', 'account_credit_limit']

    @with_transaction()
    def test_ledger_line_immutable(self):
        "Server code cannot change or delete a posted line either"
        pool = Pool()
        Line = pool.get('gold.ledger.line')
        Metal = pool.get('gold.metal')
        Party = pool.get('party.party')
        company = create_company()
        with set_company(company):
            metal = Metal(name="Gold", code='gold', quote_weight=10)
            metal.save()
            party = Party(name="Karigar")
            party.save()
            line, = Line.post([{
                        'company': company.id, 'party': party.id,
                        'metal': metal.id, 'date': dt.date.today(),
                        'fine_weight': Decimal('1.000'),
                        }])
            with self.assertRaises(LedgerAccessError):
                Line.write([line], {'fine_weight': Decimal('2.000')})
            with self.assertRaises(LedgerAccessError):
                Line.delete([line])
            self.assertEqual(
                Party.get_gold_fine_balance([party], None),
                {party.id: Decimal('1.000')})


del ModuleTestCase
