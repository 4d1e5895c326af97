from trytond.exceptions import UserError, UserWarning
from trytond.model.exceptions import AccessError, ValidationError


class BillClosedError(AccessError):
    pass


class BillDateError(ValidationError):
    pass


class PieceUnavailableError(ValidationError):
    pass


class RoundOffAccountError(UserError):
    pass


class HallmarkAccountError(UserError):
    pass


class OldGoldError(ValidationError):
    pass


class OldGoldSetupError(UserError):
    pass


class PaymentError(ValidationError):
    pass


class RecipientError(ValidationError):
    pass


class ReportError(UserError):
    pass


class SequenceError(UserError):
    pass


class DiscountError(ValidationError):
    pass


class PriceChangedError(ValidationError):
    pass


class ReturnError(ValidationError):
    pass


class ScanError(UserError):
    pass


class SupplyError(ValidationError):
    pass


class VoucherError(ValidationError):
    pass


class RateChangedWarning(UserWarning):
    pass
