from trytond.model.exceptions import ValidationError


class PieceUnavailableError(ValidationError):
    pass
