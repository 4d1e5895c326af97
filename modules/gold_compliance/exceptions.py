from trytond.model.exceptions import AccessError


class AuditorAccessError(AccessError):
    pass
