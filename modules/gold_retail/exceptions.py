from trytond.exceptions import UserError
from trytond.model.exceptions import ValidationError


class DiscountValidationError(ValidationError):
    pass


class BarcodeError(UserError):
    pass
