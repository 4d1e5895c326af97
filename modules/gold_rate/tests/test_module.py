import datetime as dt
from types import SimpleNamespace

from trytond.modules.gold_rate.rate import company_time
from trytond.tests.test_tryton import ModuleTestCase, with_transaction


class GoldRateTestCase(ModuleTestCase):
    "Test Gold Rate module"
    module = 'gold_rate'

    @with_transaction()
    def test_company_time(self):
        "A moment on the shop's clock: India is UTC + 5:30"
        at = dt.datetime(2026, 12, 2, 20, 45)
        for timezone, expected in [
                ('Asia/Kolkata', '12/03/2026 02:15 (Asia/Kolkata)'),
                (None, '12/02/2026 20:45 (UTC)'),
                ]:
            with self.subTest(timezone=timezone):
                self.assertEqual(company_time(
                        at, SimpleNamespace(timezone=timezone)), expected)


del ModuleTestCase
