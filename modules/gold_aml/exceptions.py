from trytond.exceptions import UserError, UserWarning
from trytond.model.exceptions import ValidationError


class KYCKeyError(UserError):
    pass


class KYCValidationError(ValidationError):
    pass


class AMLError(UserError):
    pass


class AMLWarning(UserWarning):
    pass
