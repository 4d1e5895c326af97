"""Identity numbers encrypted at rest (Fernet: AES-128-CBC with an
HMAC-SHA256, from the cryptography package) with a key that is not in the
database: [gold_compliance] kyc_key of trytond.conf, or the environment
variable TRYTOND_GOLD_COMPLIANCE__KYC_KEY. An exact value is found by a
keyed hash (HMAC-SHA256 with a key derived from the same key), never by
decrypting."""
import hashlib
import hmac

from cryptography.fernet import Fernet, InvalidToken

from trytond import config
from trytond.i18n import gettext

from .exceptions import KYCKeyError

SEARCH_CONTEXT = b'gold_compliance kyc search'


def _key():
    key = config.get('gold_compliance', 'kyc_key', default=None)
    if not key:
        raise KYCKeyError(gettext('gold_compliance.msg_kyc_no_key'))
    return key.strip()


def _fernet():
    try:
        return Fernet(_key())
    except ValueError as e:
        raise KYCKeyError(
            gettext('gold_compliance.msg_kyc_bad_key', error=e)) from e


def generate_key():
    "Return a new key for [gold_compliance] kyc_key"
    return Fernet.generate_key().decode()


def encrypt(value):
    return _fernet().encrypt(value.encode('utf-8')).decode('ascii')


def decrypt(token):
    "Return the clear value of token; a key that is not its key is an error"
    try:
        return _fernet().decrypt(token.encode('ascii')).decode('utf-8')
    except InvalidToken as e:
        raise KYCKeyError(gettext('gold_compliance.msg_kyc_wrong_key')) from e


def search_hash(value):
    "The keyed hash an exact value is found by"
    key = hmac.new(_key().encode('ascii'), SEARCH_CONTEXT,
        hashlib.sha256).digest()
    return hmac.new(key, value.encode('utf-8'), hashlib.sha256).hexdigest()


def mask(value, visible=4):
    "Show only the last visible characters"
    if not value:
        return value
    hidden = max(len(value) - visible, 0)
    return '*' * hidden + value[hidden:]
