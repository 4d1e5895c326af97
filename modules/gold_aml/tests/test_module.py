import datetime as dt
import unittest
from decimal import Decimal

from trytond import config
from trytond.modules.gold_aml import kyc, rules
from trytond.modules.gold_aml.exceptions import KYCKeyError
from trytond.modules.gold_rate.tests.tools import set_option
from trytond.tests.test_tryton import ModuleTestCase


class RulesTestCase(unittest.TestCase):
    "The thresholds' arithmetic, worked by hand"

    def test_reaches(self):
        # India: 2,00,000 or more; the US: over $10,000
        self.assertTrue(rules.reaches(Decimal('200000'), Decimal('200000')))
        self.assertFalse(
            rules.reaches(Decimal('199999.99'), Decimal('200000')))
        self.assertFalse(rules.reaches(
                Decimal('10000'), Decimal('10000'), 'exceed'))
        self.assertTrue(rules.reaches(
                Decimal('10000.01'), Decimal('10000'), 'exceed'))
        self.assertFalse(rules.reaches(Decimal('5'), None))

    def test_cash_applied(self):
        # the bill: 5,00,000 less 3,00,000 of old gold
        self.assertEqual(rules.cash_applied(
                Decimal('500000'), Decimal('300000'), Decimal(0),
                Decimal('200000')), Decimal('200000'))
        # 80,000 handed over for 79,298.68: 701.32 is change
        self.assertEqual(rules.cash_applied(
                Decimal('79298.68'), 0, 0, Decimal('80000')),
            Decimal('79298.68'))
        # card first: 50,000 of 79,298.68, then 40,000 in cash
        self.assertEqual(rules.cash_applied(
                Decimal('79298.68'), 0, Decimal('50000'), Decimal('40000')),
            Decimal('29298.68'))
        # a refund takes no cash in
        self.assertEqual(rules.cash_applied(
                Decimal('-100'), 0, 0, Decimal('-100')), Decimal(0))

    def test_report_deadline(self):
        # Form 8300: 15 days after the day
        self.assertEqual(rules.report_deadline(
                dt.date(2026, 12, 20), 'day', 15), dt.date(2027, 1, 4))
        # India's cash report: the 15th of the following month
        self.assertEqual(rules.report_deadline(
                dt.date(2026, 2, 3), 'month', 15), dt.date(2026, 3, 15))
        self.assertEqual(rules.report_deadline(
                dt.date(2026, 12, 31), 'month', 15), dt.date(2027, 1, 15))
        self.assertIsNone(rules.report_deadline(
                dt.date(2026, 12, 1), 'day', None))


class KYCTestCase(unittest.TestCase):
    "Encryption of identity numbers"

    def test_round_trip(self):
        set_option(self, 'gold_aml', 'kyc_key', kyc.generate_key())
        token = kyc.encrypt('ABCPS1234D')
        self.assertNotIn('ABCPS1234D', token)
        self.assertEqual(kyc.decrypt(token), 'ABCPS1234D')
        # two encryptions differ, the search hash does not
        self.assertNotEqual(token, kyc.encrypt('ABCPS1234D'))
        self.assertEqual(
            kyc.search_hash('ABCPS1234D'), kyc.search_hash('ABCPS1234D'))
        self.assertNotEqual(
            kyc.search_hash('ABCPS1234D'), kyc.search_hash('ABCPS1234E'))

    def test_other_key(self):
        "Data of another key is an error, never other data"
        set_option(self, 'gold_aml', 'kyc_key', kyc.generate_key())
        token = kyc.encrypt('ABCPS1234D')
        hashed = kyc.search_hash('ABCPS1234D')
        config.set('gold_aml', 'kyc_key', kyc.generate_key())
        with self.assertRaises(KYCKeyError):
            kyc.decrypt(token)
        self.assertNotEqual(kyc.search_hash('ABCPS1234D'), hashed)

    def test_no_key(self):
        set_option(self, 'gold_aml', 'kyc_key', '')
        with self.assertRaises(KYCKeyError):
            kyc.encrypt('ABCPS1234D')

    def test_bad_key(self):
        set_option(self, 'gold_aml', 'kyc_key', 'not-a-key')
        with self.assertRaises(KYCKeyError):
            kyc.encrypt('ABCPS1234D')

    def test_mask(self):
        self.assertEqual(kyc.mask('ABCPS1234D'), '******234D')
        self.assertEqual(kyc.mask('123'), '123')
        self.assertIsNone(kyc.mask(None))


class GoldAMLTestCase(ModuleTestCase):
    "Test Gold AML module"
    module = 'gold_aml'
    extras = ['gold_account']


del ModuleTestCase
