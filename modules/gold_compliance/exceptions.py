from trytond.model.exceptions import AccessError


class AuditorAccessError(AccessError):
    pass


class PreferenceError(AccessError):
    pass
