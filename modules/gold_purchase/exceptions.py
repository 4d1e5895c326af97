from trytond.model.exceptions import ValidationError


class PurchaseGoldError(ValidationError):
    pass


class ReceivingError(ValidationError):
    pass
