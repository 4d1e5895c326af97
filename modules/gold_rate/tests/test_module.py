from trytond.tests.test_tryton import ModuleTestCase


class GoldRateTestCase(ModuleTestCase):
    "Test Gold Rate module"
    module = 'gold_rate'


del ModuleTestCase
