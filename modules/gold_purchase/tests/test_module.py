from trytond.tests.test_tryton import ModuleTestCase


class GoldPurchaseTestCase(ModuleTestCase):
    "Test Gold Purchase module"
    module = 'gold_purchase'


del ModuleTestCase
