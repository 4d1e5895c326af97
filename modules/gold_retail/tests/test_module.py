from trytond.modules.gold_retail.exceptions import BarcodeError
from trytond.modules.gold_retail.product import make_ean13
from trytond.tests.test_tryton import ModuleTestCase, with_transaction


class GoldRetailTestCase(ModuleTestCase):
    "Test Gold Retail module"
    module = 'gold_retail'

    @with_transaction()
    def test_ean13_bad_prefix(self):
        "A prefix of letters, of one digit or of ten is refused, saying why"
        for prefix in ['AB', '2', '2000000000', '']:
            with self.subTest(prefix=prefix):
                with self.assertRaises(BarcodeError) as cm:
                    make_ean13(prefix, 1)
                self.assertIn("must be 2 to 9 digits", cm.exception.message)

    @with_transaction()
    def test_ean13_too_long(self):
        "A number that leaves no room in the 12 digits is refused"
        # prefix 200 leaves 9 digits: 1,000,000,000 has 10
        with self.assertRaises(BarcodeError) as cm:
            make_ean13('200', 1000000000)
        self.assertIn("does not fit in 12 digits", cm.exception.message)
        # 999,999,999 fits: 200 999999999 and its check digit
        self.assertEqual(len(make_ean13('200', 999999999)), 13)


del ModuleTestCase
