from trytond.tests.test_tryton import ModuleTestCase


class GoldComplianceTestCase(ModuleTestCase):
    "Test Gold Compliance module"
    module = 'gold_compliance'


del ModuleTestCase
