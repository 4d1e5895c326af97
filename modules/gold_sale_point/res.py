# The counter's limits of a role: what its members may give at the till
from trytond.model import fields
from trytond.pool import PoolMeta


class Group(metaclass=PoolMeta):
    __name__ = 'res.group'

    gold_discount_cap = fields.Numeric(
        "Making Discount Cap %", digits=(5, 2),
        domain=['OR',
            ('gold_discount_cap', '=', None),
            [('gold_discount_cap', '>=', 0),
                ('gold_discount_cap', '<=', 100)],
            ],
        help="The largest discount on making charges members may give at "
        "the counter.")


class User(metaclass=PoolMeta):
    __name__ = 'res.user'

    @property
    def gold_discount_cap(self):
        "The largest making discount the user's roles allow"
        caps = [g.gold_discount_cap for g in self.groups
            if g.gold_discount_cap is not None]
        return max(caps) if caps else None
