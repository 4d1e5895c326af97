"""Customers' identity (KYC): PAN, identity document and number. The
numbers are stored encrypted and found by a keyed hash of their exact
value; users outside the Identity Data group see them masked."""

from stdnum.exceptions import ValidationError as StdnumError
from stdnum.in_ import aadhaar, pan

from trytond.i18n import gettext
from trytond.model import Index, fields
from trytond.pool import PoolMeta
from trytond.pyson import Bool, Eval

from . import kyc
from .exceptions import KYCKeyError, KYCValidationError
from trytond.modules.gold_rate.groups import in_group

# the encrypted fields: name -> label of the messages
ENCRYPTED = {
    'gold_pan': "PAN",
    'gold_id_number': "ID number",
    }


class Party(metaclass=PoolMeta):
    __name__ = 'party.party'

    gold_pan = fields.Function(fields.Char(
            "PAN",
            help="The customer's Permanent Account Number (AAAAA9999A), "
            "required in India for a bill of 2,00,000 or more unless a "
            "Form 60 is taken. Stored encrypted."),
        'get_gold_kyc', setter='set_gold_kyc', searcher='search_gold_kyc')
    gold_pan_cipher = fields.Char("PAN (encrypted)", readonly=True)
    gold_pan_hash = fields.Char("PAN (search hash)", readonly=True)
    gold_id_type = fields.Selection([
            (None, ""),
            ('aadhaar', "Aadhaar"),
            ('passport', "Passport"),
            ('voter', "Voter ID"),
            ('driving', "Driving Licence"),
            ('national', "National Identity Card"),
            ('other', "Other"),
            ], "ID Document",
        help="The identity document the customer showed.")
    gold_id_type_string = gold_id_type.translated('gold_id_type')
    gold_id_number = fields.Function(fields.Char(
            "ID Number",
            states={'required': Bool(Eval('gold_id_type'))},
            help="The number of the identity document. Stored encrypted."),
        'get_gold_kyc', setter='set_gold_kyc', searcher='search_gold_kyc')
    gold_id_number_cipher = fields.Char("ID Number (encrypted)", readonly=True)
    gold_id_number_hash = fields.Char(
        "ID Number (search hash)", readonly=True)

    @classmethod
    def __setup__(cls):
        super().__setup__()
        t = cls.__table__()
        cls._sql_indexes.update({
                Index(t, (t.gold_pan_hash, Index.Equality())),
                Index(t, (t.gold_id_number_hash, Index.Equality())),
                })

    @classmethod
    def gold_kyc_readable(cls):
        "Whether the user reads identity numbers in full"
        return in_group('gold_aml', 'group_kyc')

    @classmethod
    def get_gold_kyc(cls, parties, names):
        full = cls.gold_kyc_readable()
        result = {}
        for name in names:
            result[name] = values = {}
            for party in parties:
                token = getattr(party, name + '_cipher')
                value = kyc.decrypt(token) if token else None
                values[party.id] = value if full else kyc.mask(value)
        return result

    @classmethod
    def gold_kyc_clean(cls, party, name, value):
        "Return value normalised, or raise the error of its format"
        value = (value or '').strip().upper().replace(' ', '')
        if not value:
            return None
        try:
            if name == 'gold_pan':
                value = pan.validate(value)
            elif party.gold_id_type == 'aadhaar':
                value = aadhaar.validate(value)
            elif not (4 <= len(value) <= 30):
                raise StdnumError()
        except StdnumError as e:
            key = ('gold_aml.msg_kyc_pan_format' if name == 'gold_pan'
                else 'gold_aml.msg_kyc_id_format')
            raise KYCValidationError(gettext(
                    key, party=party.rec_name, value=value,
                    document=party.gold_id_type_string or '')) from e
        return value

    @classmethod
    def set_gold_kyc(cls, parties, name, value):
        for party in parties:
            clean = cls.gold_kyc_clean(party, name, value)
            cls.write([party], {
                    name + '_cipher': kyc.encrypt(clean) if clean else None,
                    name + '_hash': kyc.search_hash(clean) if clean else None,
                    })

    @classmethod
    def search_gold_kyc(cls, name, clause):
        "Found by exact value only, through the keyed hash"
        _, operator, value = clause[:3]
        if operator not in {'=', '!=', 'in', 'not in'}:
            raise KYCValidationError(gettext(
                    'gold_aml.msg_kyc_search_exact',
                    field=ENCRYPTED[name]))

        def hashed(value):
            value = (value or '').strip().upper().replace(' ', '')
            return kyc.search_hash(value) if value else None
        if operator in {'in', 'not in'}:
            value = [hashed(v) for v in value]
        else:
            value = hashed(value)
        return [(name + '_hash', operator, value)]

    @classmethod
    def search_rec_name(cls, name, clause):
        "A customer is also found by typing their whole PAN"
        domain = super().search_rec_name(name, clause)
        _, operator, value = clause[:3]
        if isinstance(value, str) and operator in {'=', 'ilike', 'like'}:
            code = value.strip('%').replace(' ', '').upper()
            if pan.is_valid(code):
                try:
                    hashed = kyc.search_hash(code)
                except KYCKeyError:
                    return domain
                domain = ['OR', domain, ('gold_pan_hash', '=', hashed)]
        return domain

    @property
    def gold_has_pan(self):
        return bool(self.gold_pan_hash)

    @property
    def gold_has_id(self):
        return bool(self.gold_id_number_hash)


class PartyIdentifier(metaclass=PoolMeta):
    __name__ = 'party.identifier'

    @classmethod
    def validate(cls, identifiers):
        """A PAN is kept once, encrypted in the party's PAN field: not as
        an identifier in clear that every user reads in full"""
        super().validate(identifiers)
        for identifier in identifiers:
            if identifier.type == 'in_pan':
                raise KYCValidationError(gettext(
                        'gold_aml.msg_kyc_pan_identifier',
                        party=identifier.party.rec_name))
