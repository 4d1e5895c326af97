import unittest

from stdnum import ean

from trytond.modules.gold_retail.product import make_ean13


class EAN13TestCase(unittest.TestCase):
    "The check digit is python-stdnum's; the body is the prefix and number"

    def test_published_codes(self):
        # Published EAN-13 examples: 4006381333931 and 5901234123457
        self.assertEqual(make_ean13('400638', '133393'), '4006381333931')
        self.assertEqual(make_ean13('590123', 412345), '5901234123457')

    def test_zero_padded(self):
        # prefix 20 (in-store numbers), item 1: body 200000000001; digits
        # weighted 1, 3, 1, ...: 2 x 1 + 1 x 3 = 5, check digit 10 - 5 = 5
        code = make_ean13('20', 1)
        self.assertEqual(code, '2000000000015')
        self.assertTrue(ean.is_valid(code))
