from trytond.exceptions import UserError
from trytond.i18n import gettext
from trytond.model.exceptions import ValidationError


class PieceValidationError(ValidationError):
    pass


class StoneValidationError(ValidationError):
    pass


class GoldPricingError(UserError):
    pass


def check_not_negative(record, names, error, message, **values):
    """Raise error with message (given field, value and values) for the
    first of the fields names of record that holds a negative number"""
    for name in names:
        value = getattr(record, name)
        if value is not None and value < 0:
            raise error(gettext(
                    message, field=record.__names__(name)['field'],
                    value=value, **values))
