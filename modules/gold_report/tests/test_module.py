from trytond.tests.test_tryton import ModuleTestCase


class GoldReportTestCase(ModuleTestCase):
    "Test Gold Report module"
    module = 'gold_report'
    extras = ['gold_account']


del ModuleTestCase
