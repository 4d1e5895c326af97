from trytond.tests.test_tryton import ModuleTestCase


class GoldStockTestCase(ModuleTestCase):
    "Test Gold Stock module"
    module = 'gold_stock'


del ModuleTestCase
