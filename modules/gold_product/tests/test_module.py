from trytond.tests.test_tryton import ModuleTestCase


class GoldProductTestCase(ModuleTestCase):
    "Test Gold Product module"
    module = 'gold_product'


del ModuleTestCase
