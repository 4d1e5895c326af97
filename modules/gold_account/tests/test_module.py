from trytond.tests.test_tryton import ModuleTestCase


class GoldAccountTestCase(ModuleTestCase):
    "Test Gold Account module"
    module = 'gold_account'


del ModuleTestCase
