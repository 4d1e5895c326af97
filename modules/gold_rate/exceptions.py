from trytond.exceptions import UserError
from trytond.model.exceptions import ValidationError


class PurityValidationError(ValidationError):
    pass


class RateValidationError(ValidationError):
    pass


class NoRateError(UserError):
    pass


class RowError(UserError):
    "A value of an import row or an RPC argument that cannot be"
    pass
