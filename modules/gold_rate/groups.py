"""Whether the user of the transaction is in a group of a module."""
from trytond.pool import Pool
from trytond.transaction import Transaction


def in_group(module, xml_id, root=True):
    """Whether the user of the transaction is in the group xml_id of
    module; root, the server's own user, is as given"""
    pool = Pool()
    ModelData = pool.get('ir.model.data')
    User = pool.get('res.user')
    if not Transaction().user:
        return root
    return ModelData.get_id(module, xml_id) in User.get_groups()
