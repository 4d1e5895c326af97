import datetime as dt
import time
import unittest

from trytond.exceptions import RateLimitException
from trytond.modules.gold_compliance.res import character_classes
from trytond.pool import Pool
from trytond.res.exceptions import PasswordError
from trytond.modules.gold_rate.tests.tools import set_option
from trytond.tests.test_tryton import ModuleTestCase, with_transaction
from trytond.transaction import Transaction


class PasswordRulesTestCase(unittest.TestCase):
    "The kinds of sign a password mixes"

    def test_character_classes(self):
        self.assertEqual(character_classes('12345678'), 1)
        self.assertEqual(character_classes('goldshop'), 1)
        self.assertEqual(character_classes('GoldShop'), 2)
        self.assertEqual(character_classes('GoldShop26'), 3)
        self.assertEqual(character_classes('Gold Shop 26'), 4)


class GoldComplianceTestCase(ModuleTestCase):
    "Test Gold Compliance module"
    module = 'gold_compliance'
    # as its scenarios: the test database is built once for both
    extras = ['gold_account', 'gold_ledger', 'gold_purchase', 'gold_stock']

    @with_transaction()
    def test_password_strength(self):
        "A password mixes the configured kinds of sign"
        User = Pool().get('res.user')
        set_option(self, 'gold_compliance', 'password_classes', '3')
        set_option(self, 'password', 'length', '12')
        with self.assertRaises(PasswordError) as cm:
            User.validate_password('goldshopgoldshop', [])
        self.assertIn('at least 3', cm.exception.message)
        with self.assertRaises(PasswordError):
            # three kinds, too short
            User.validate_password('Gold2026', [])
        User.validate_password('Gold2026shop', [])

    @with_transaction()
    def test_login_throttled_without_delay(self):
        """Failed logins leave no sleep in the worker; past max_attempt (3
        here) they are refused at once, the right password too, but not
        from the user's own device"""
        pool = Pool()
        User = pool.get('res.user')
        Device = pool.get('res.user.device')
        transaction = Transaction()
        set_option(self, 'session', 'max_attempt', '3')
        user = User(login='counter', name="Counter", password='Gold2026shop')
        user.save()
        with transaction.set_user(user.id):
            cookie = Device.renew(None)

        def sleeps():
            return [a for f, a, _ in transaction._atexit if f is time.sleep]
        for _ in range(4):
            # 0 to 3 failed tries before: not above 3, checked and refused
            self.assertIsNone(User.get_login('counter', {'password': 'bad'}))
            self.assertEqual(sleeps(), [])
        with self.assertRaises(RateLimitException):
            User.get_login('counter', {'password': 'Gold2026shop'})
        self.assertEqual(sleeps(), [])
        self.assertEqual(User.get_login('counter', {
                    'password': 'Gold2026shop', 'device_cookie': cookie,
                    }), user.id)

    @with_transaction()
    def test_idle_session_expires(self):
        """A session unused for longer than [session] timeout (900 s here)
        is refused on any call and deleted; one used 800 s ago is valid"""
        pool = Pool()
        Session = pool.get('ir.session')
        User = pool.get('res.user')
        set_option(self, 'session', 'timeout', '900')
        user = User(login='counter', name="Counter")
        user.save()
        with Transaction().set_user(user.id):
            idle, used = Session.create([{}, {}])
        table = Session.__table__()
        cursor = Transaction().connection.cursor()
        now = dt.datetime.now()
        for session, seconds in [(idle, 901), (used, 800)]:
            cursor.execute(*table.update(
                    [table.create_date, table.write_date],
                    [now - dt.timedelta(seconds=seconds)] * 2,
                    where=table.id == session.id))
        Session._session_reset_cache.clear()
        self.assertFalse(Session.check(user.id, idle.key))
        self.assertFalse(Session.search([('id', '=', idle.id)]))
        self.assertTrue(Session.check(user.id, used.key))


del ModuleTestCase
