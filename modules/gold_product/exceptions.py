from trytond.exceptions import UserError
from trytond.model.exceptions import ValidationError


class PieceValidationError(ValidationError):
    pass


class StoneValidationError(ValidationError):
    pass


class GoldPricingError(UserError):
    pass
