from trytond.exceptions import UserError


class ReportingError(UserError):
    pass
