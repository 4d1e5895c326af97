from trytond.tests.test_tryton import ModuleTestCase


class GoldPurchaseTestCase(ModuleTestCase):
    "Test Gold Purchase module"
    module = 'gold_purchase'
    # as its scenarios: the test database is built once for both
    extras = ['gold_account']


del ModuleTestCase
