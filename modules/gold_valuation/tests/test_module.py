from trytond.tests.test_tryton import ModuleTestCase


class GoldValuationTestCase(ModuleTestCase):
    "Test Gold Valuation module"
    module = 'gold_valuation'


del ModuleTestCase
