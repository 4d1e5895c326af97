from trytond.exceptions import UserError
from trytond.model.exceptions import ValidationError


class PurityValidationError(ValidationError):
    pass


class RateValidationError(ValidationError):
    pass


class NoRateError(UserError):
    pass
