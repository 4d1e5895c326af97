from trytond.tests.test_tryton import ModuleTestCase


class GoldRetailTestCase(ModuleTestCase):
    "Test Gold Retail module"
    module = 'gold_retail'


del ModuleTestCase
