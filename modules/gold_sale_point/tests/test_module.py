from trytond.tests.test_tryton import ModuleTestCase


class GoldSalePointTestCase(ModuleTestCase):
    "Test Gold Sale Point module"
    module = 'gold_sale_point'


del ModuleTestCase
