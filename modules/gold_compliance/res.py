"""Per-shop record rules: a user given counters sees the bills, payments
and cash sessions of those counters only; a user given none (the owner,
the back office) sees those of their companies, as Tryton's company rules
say. And the strength of a password, on top of Tryton's length and
forbidden list."""
import time

from trytond import config
from trytond.cache import Cache
from trytond.i18n import gettext
from trytond.model import ModelSQL, fields
from trytond.pool import Pool, PoolMeta
from trytond.res.exceptions import PasswordError

from .exceptions import PreferenceError
from trytond.transaction import Transaction


def character_classes(password):
    "How many of lower case, upper case, digits and others password mixes"
    return sum(map(any, zip(*(
                    (c.islower(), c.isupper(), c.isdigit(), not c.isalnum())
                    for c in password)))) if password else 0


class UserPoint(ModelSQL):
    __name__ = 'res.user-sale.point'
    __string__ = 'User - Counter'

    user = fields.Many2One(
        'res.user', "User", ondelete='CASCADE', required=True)
    point = fields.Many2One(
        'sale.point', "Counter", ondelete='CASCADE', required=True)

    @classmethod
    def on_modification(cls, mode, records, field_names=None):
        User = Pool().get('res.user')
        super().on_modification(mode, records, field_names=field_names)
        User._get_gold_points_cache.clear()


class Session(metaclass=PoolMeta):
    __name__ = 'ir.session'

    @classmethod
    def check(cls, user, key, domain=None):
        """The idle timeout ([session] timeout) ends a session on every
        call: Tryton checks it only on the calls marked fresh_session, so
        a counter left alone went on working without its password"""
        valid = super().check(user, key, domain=domain)
        if valid:
            valid = cls.check_timeout(user, key, domain=domain)
        return valid


class User(metaclass=PoolMeta):
    __name__ = 'res.user'

    gold_points = fields.Many2Many(
        'res.user-sale.point', 'user', 'point', "Counters",
        help="The counters the user works at: when set, the user sees "
        "only their bills, payments and cash sessions.")
    _get_gold_points_cache = Cache(
        __name__ + '.get_gold_points', context=False)

    @classmethod
    def set_preferences(cls, values):
        """A user's preferences choose among its companies; they never
        give it another"""
        company = values.get('company')
        if company is not None:
            user = cls(Transaction().user)
            if int(company) not in {c.id for c in user.companies}:
                raise PreferenceError(gettext(
                        'gold_compliance.msg_preference_company',
                        user=user.rec_name))
        super().set_preferences(values)

    @classmethod
    def get_login(cls, login, parameters):
        """Tryton's throttling of failed logins without its delay: Tryton
        sleeps up to 2^tries seconds at the end of a failed login, in the
        worker, so that a few bad tries hold every worker of the server.
        The tries are still counted per login and device, and past
        [session] max_attempt the login is refused at once (HTTP 429)
        until they expire; a user's own device (its cookie) is not locked
        out by another's tries."""
        transaction = Transaction()
        registered = len(transaction._atexit)
        try:
            return super().get_login(login, parameters)
        finally:
            cls.gold_drop_login_delay(transaction, registered)

    @staticmethod
    def gold_drop_login_delay(transaction, registered):
        "Drop the sleeps get_login left after the first registered"
        transaction._atexit[registered:] = [
            (func, args, kwargs)
            for func, args, kwargs in transaction._atexit[registered:]
            if func is not time.sleep]

    @classmethod
    def validate_password(cls, password, users):
        "A password mixes [gold_compliance] password_classes kinds of sign"
        super().validate_password(password, users)
        classes = config.getint(
            'gold_compliance', 'password_classes', default=0)
        if isinstance(password, bytes):
            password = password.decode('utf-8')
        if classes and character_classes(password) < classes:
            raise PasswordError(gettext(
                    'gold_compliance.msg_password_classes', classes=classes))

    @classmethod
    def get_gold_points(cls):
        "The ids of the counters of the user of the transaction"
        user_id = Transaction().user
        if not user_id:
            return []
        points = cls._get_gold_points_cache.get(user_id)
        if points is None:
            points = cls._get_gold_points_cache.set(
                user_id, sorted(p.id for p in cls(user_id).gold_points))
        return points


class Rule(metaclass=PoolMeta):
    __name__ = 'ir.rule'

    @classmethod
    def _get_context(cls, model_name):
        User = Pool().get('res.user')
        context = super()._get_context(model_name)
        context['gold_points'] = User.get_gold_points()
        return context

    @classmethod
    def _get_cache_key(cls, model_names):
        User = Pool().get('res.user')
        key = super()._get_cache_key(model_names)
        return (*key, tuple(User.get_gold_points()))
