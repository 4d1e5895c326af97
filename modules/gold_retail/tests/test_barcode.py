import unittest

from stdnum import ean

from trytond.modules.gold_retail.product import ean13_check_digit


class EAN13TestCase(unittest.TestCase):

    def test_published_check_digits(self):
        # Published EAN-13 examples: 4006381333931 and 5901234123457
        self.assertEqual(ean13_check_digit('400638133393'), '1')
        self.assertEqual(ean13_check_digit('590123412345'), '7')

    def test_agrees_with_stdnum(self):
        for body in ['200000000001', '200000000002', '299999999999',
                '123456789012', '000000000000']:
            with self.subTest(body=body):
                self.assertTrue(ean.is_valid(body + ean13_check_digit(body)))

    def test_bad_body(self):
        for body in ['12345', '20000000000A', '2000000000001']:
            with self.subTest(body=body):
                with self.assertRaises(ValueError):
                    ean13_check_digit(body)
