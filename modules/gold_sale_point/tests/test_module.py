from trytond.tests.test_tryton import ModuleTestCase


class GoldSalePointTestCase(ModuleTestCase):
    "Test Gold Sale Point module"
    module = 'gold_sale_point'
    # as its scenarios: the test database is built once for both
    extras = ['gold_account']


del ModuleTestCase
