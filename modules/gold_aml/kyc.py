"""Identity numbers encrypted at rest (Fernet: AES-128-CBC with an
HMAC-SHA256, from the cryptography package) with a key that is not in the
database: [gold_aml] kyc_key of trytond.conf, or the environment variable
TRYTOND_GOLD_AML__KYC_KEY. An exact value is found by a
keyed hash (HMAC-SHA256 with a key derived from the same key), never by
decrypting."""
import hashlib
import hmac
import logging
import re

from cryptography.fernet import Fernet, InvalidToken

from trytond import config
from trytond.i18n import gettext

from .exceptions import KYCKeyError

# the search hashes' derivation, as when the module was gold_compliance's:
# another value would change every hash stored
SEARCH_CONTEXT = b'gold_compliance kyc search'


def _key():
    key = config.get('gold_aml', 'kyc_key', default=None)
    if not key:
        raise KYCKeyError(gettext('gold_aml.msg_kyc_no_key'))
    return key.strip()


def _fernet():
    try:
        return Fernet(_key())
    except ValueError as e:
        raise KYCKeyError(
            gettext('gold_aml.msg_kyc_bad_key', error=e)) from e


def generate_key():
    "Return a new key for [gold_aml] kyc_key"
    return Fernet.generate_key().decode()


def encrypt(value):
    return _fernet().encrypt(value.encode('utf-8')).decode('ascii')


def decrypt(token):
    "Return the clear value of token; a key that is not its key is an error"
    try:
        return _fernet().decrypt(token.encode('ascii')).decode('utf-8')
    except InvalidToken as e:
        raise KYCKeyError(gettext('gold_aml.msg_kyc_wrong_key')) from e


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


# Identity numbers never reach a log: Tryton's call log prints a call's
# arguments (a party created with its PAN, a search typed with it) and an
# error's message. Every record of Tryton's loggers is masked when it is
# made, whatever its level and handler.
_PAN = re.compile(r'(?<![A-Za-z0-9])[A-Za-z]{5}[0-9]{4}[A-Za-z](?![A-Za-z0-9])')
_AADHAAR = re.compile(r'(?<![0-9])[2-9][0-9]{3} ?[0-9]{4} ?[0-9]{4}(?![0-9])')
_NAMED = re.compile(
    r"""((?:gold_pan|gold_id_number)\w*['"]?\s*[:,=]\s*"""
    r"""(?:['"](?:=|!=|in|not in|like|ilike|not like|not ilike)['"]\s*,\s*)?)"""
    r"""(?:'[^']*'|"[^"]*"|\[[^\]]*\]|\([^)]*\))""")


def mask_identity(text):
    "Return text with PAN, Aadhaar and named identity values hidden"
    text = _NAMED.sub(lambda m: m.group(1) + "'***'", text)
    text = _PAN.sub('**********', text)
    return _AADHAAR.sub('************', text)


def _masking_factory(factory):
    def make(name, *args, **kwargs):
        record = factory(name, *args, **kwargs)
        if name.startswith('trytond'):
            message = mask_identity(record.getMessage())
            record.msg, record.args = message, ()
            if record.exc_info and not record.exc_text:
                record.exc_text = mask_identity(
                    logging.Formatter().formatException(record.exc_info))
        return record
    make.gold_masking = True
    return make


def protect_logs():
    "Mask the identity numbers of the records of Tryton's loggers"
    factory = logging.getLogRecordFactory()
    if not getattr(factory, 'gold_masking', False):
        logging.setLogRecordFactory(_masking_factory(factory))


protect_logs()
