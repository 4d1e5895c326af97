from trytond.exceptions import UserError, UserWarning
from trytond.model.exceptions import AccessError, ValidationError


class AuditorAccessError(AccessError):
    pass


class KYCKeyError(UserError):
    pass


class KYCValidationError(ValidationError):
    pass


class AMLError(UserError):
    pass


class AMLWarning(UserWarning):
    pass


class PreferenceError(AccessError):
    pass
