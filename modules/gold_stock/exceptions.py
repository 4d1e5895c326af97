from trytond.exceptions import UserWarning
from trytond.model.exceptions import ValidationError


class TransferWeightError(ValidationError):
    pass


class CountError(ValidationError):
    pass


class TrayWeightWarning(UserWarning):
    pass
