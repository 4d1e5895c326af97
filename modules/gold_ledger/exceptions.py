from trytond.model.exceptions import AccessError, ValidationError


class MetalTransferError(ValidationError):
    pass


class LedgerAccessError(AccessError):
    pass


class MetalSettlementError(ValidationError):
    pass


class RefiningError(ValidationError):
    pass
