"Amounts in words with the Indian numbering, as printed on an invoice"
import unittest
from decimal import Decimal as D

from trytond.modules.gold_sale_point.report import amount_in_words


class AmountInWordsTestCase(unittest.TestCase):

    def test_amounts(self):
        for amount, words in [
                # 79,298.68: the bangle of the counter scenarios
                ('79298.68', "Rupees Seventy-Nine Thousand Two Hundred "
                    "Ninety-Eight and Sixty-Eight Paise Only"),
                ('100000', "Rupees One Lakh Only"),
                ('10000000', "Rupees One Crore Only"),
                # 12,34,56,789.05
                ('123456789.05', "Rupees Twelve Crore Thirty-Four Lakh "
                    "Fifty-Six Thousand Seven Hundred Eighty-Nine and Five "
                    "Paise Only"),
                ('0', "Rupees Zero Only"),
                ('0.50', "Rupees Zero and Fifty Paise Only"),
                ('1005.10', "Rupees One Thousand Five and Ten Paise Only"),
                ('-701.32', "Minus Rupees Seven Hundred One and "
                    "Thirty-Two Paise Only"),
                ('19.999', "Rupees Twenty Only"),
                ]:
            with self.subTest(amount=amount):
                self.assertEqual(amount_in_words(D(amount)), words)
