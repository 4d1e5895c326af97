"""Least privilege: the auditor reads everything and changes nothing.

Tryton grants access per model to groups; a model without access records
is open to all. So the auditor's read-only rule is one check where every
create, write and delete is checked (ir.model.access), not a record per
model; the user's own interface state stays writable."""
from trytond.i18n import gettext
from trytond.model import ModelStorage
from trytond.modules.gold_rate.groups import in_group
from trytond.pool import Pool, PoolMeta
from trytond.transaction import Transaction

from .exceptions import AuditorAccessError

# what a user's session writes whoever the user is: wizard sessions,
# warnings answered, the state of lists and searches kept
UI_STATE_MODELS = {
    'ir.session.wizard', 'res.user.warning', 'ir.ui.view_tree_state',
    'ir.ui.view_tree_width', 'ir.ui.view_tree_optional',
    'ir.ui.view_search', 'res.user.application', 'ir.session',
    'res.user.login.attempt', 'res.user.device',
    }


class ModelAccess(metaclass=PoolMeta):
    __name__ = 'ir.model.access'

    @classmethod
    def gold_auditor(cls):
        "Whether the user of the transaction is an auditor"
        return in_group('gold_compliance', 'group_auditor', root=False)

    @classmethod
    def check(cls, model_name, mode='read', raise_exception=True):
        if (mode != 'read' and model_name not in UI_STATE_MODELS
                and Transaction().check_access and cls.gold_auditor()):
            if not raise_exception:
                return False
            User = Pool().get('res.user')
            IrModel = Pool().get('ir.model')
            raise AuditorAccessError(gettext(
                    'gold_compliance.msg_auditor_read_only',
                    user=User(Transaction().user).rec_name, mode=mode,
                    model=IrModel.get_name(model_name)))
        return super().check(
            model_name, mode=mode, raise_exception=raise_exception)

    @classmethod
    def get_access(cls, models):
        """The clients show an auditor every stored model read-only; the
        forms that store nothing (a report's context, a wizard's form: what
        is typed to read or print) stay as they are"""
        access = super().get_access(models)
        if cls.gold_auditor():
            pool = Pool()
            access = {m: dict(p) for m, p in access.items()}
            for model, perms in access.items():
                if model in UI_STATE_MODELS:
                    continue
                try:
                    Model = pool.get(model)
                except KeyError:
                    Model = None
                if Model is not None and not issubclass(Model, ModelStorage):
                    continue
                perms.update(write=False, create=False, delete=False)
        return access


class ModelButton(metaclass=PoolMeta):
    __name__ = 'ir.model.button'

    @classmethod
    def get_groups(cls, model, name):
        """No button is the auditor's: a button given to groups would let
        the auditor's groups press it (buttons of no group are refused by
        the write check)"""
        pool = Pool()
        ModelAccess = pool.get('ir.model.access')
        groups = super().get_groups(model, name)
        if groups and ModelAccess.gold_auditor():
            return {-1}
        return groups
