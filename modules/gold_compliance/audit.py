"""The audit trail: who changed what, when, from which value to which.

The audited models keep Tryton's history (every version of a record in
its __history table, with who wrote it and when); Tryton's own model log
keeps the clicks and transitions. The Audit Trail reads the history: one
row a changed field of a version, with its value before and after."""
from sql import Cast, Column, Literal, Null, Table, Union, Window
from sql.conditionals import Coalesce
from sql.functions import CurrentTimestamp, Lag, RowNumber
from sql.operators import Concat

from trytond.model import ModelSQL, ModelView, fields
from trytond.pool import Pool, PoolMeta

# model: the fields whose changes are audited: rates, prices, pieces
# (weights, HUID), discounts, bills and payments
AUDITED = {
    'gold.rate': [
        'purity', 'valid_from', 'sell_rate', 'buy_rate', 'withdrawn'],
    'stock.lot': [
        'number', 'gold_gross_weight', 'gold_stone_weight',
        'gold_other_weight', 'gold_huid', 'gold_cost_price',
        'gold_making_mode', 'gold_making_value', 'gold_wastage_mode',
        'gold_wastage_value'],
    'sale.point.sale': ['state', 'party', 'number', 'gold_place_of_supply'],
    'sale.point.sale.line': [
        'product', 'lot', 'quantity', 'unit_list_price', 'gold_rate',
        'gold_discount_percent', 'gold_discount_reason', 'gold_total'],
    'sale.point.payment': ['method', 'amount', 'gold_reference'],
    'sale.point.sale.old_gold': [
        'gross_weight', 'stone_weight', 'loss_percent', 'rate', 'amount'],
    }


class _History:
    "The audited model keeps every version in Tryton's history"
    __slots__ = ()
    _history = True


class Lot(_History, metaclass=PoolMeta):
    __name__ = 'stock.lot'


class POSSale(_History, metaclass=PoolMeta):
    __name__ = 'sale.point.sale'


class POSSaleLine(_History, metaclass=PoolMeta):
    __name__ = 'sale.point.sale.line'


class POSPayment(_History, metaclass=PoolMeta):
    __name__ = 'sale.point.payment'


class OldGold(_History, metaclass=PoolMeta):
    __name__ = 'sale.point.sale.old_gold'


class AuditChange(ModelSQL, ModelView):
    __name__ = 'gold.audit.change'
    __string__ = "Audit Change"

    date = fields.DateTime("Date", readonly=True)
    user = fields.Many2One('res.user', "User", readonly=True)
    document = fields.Reference(
        "Document", selection='get_documents', readonly=True)
    field = fields.Char("Field", readonly=True)
    field_string = fields.Function(
        fields.Char("Field Name"), 'get_field_string')
    old_value = fields.Char("Old Value", readonly=True)
    new_value = fields.Char("New Value", readonly=True)

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls._order = [
            ('date', 'DESC'), ('document', 'ASC'), ('field', 'ASC'),
            ('id', 'DESC')]

    @classmethod
    def get_documents(cls):
        IrModel = Pool().get('ir.model')
        return [(None, '')] + [
            (m, IrModel.get_name(m)) for m in AUDITED]

    def get_field_string(self, name):
        Field = Pool().get('ir.model.field')
        if self.document:
            return Field.get_name(self.document.__name__, self.field)

    @classmethod
    def table_query(cls):
        pool = Pool()
        queries = []
        for model_name, field_names in AUDITED.items():
            Model = pool.get(model_name)
            history = Table(Model._table + '__history')
            version = Column(history, '__id')
            window = Window([history.id], order_by=[version.asc])
            for name in field_names:
                value = Cast(Column(history, name), 'VARCHAR')
                queries.append(history.select(
                        Coalesce(history.write_date, history.create_date
                            ).as_('date'),
                        Coalesce(history.write_uid, history.create_uid
                            ).as_('user'),
                        Concat(
                            Cast(Literal(model_name + ','), 'VARCHAR'),
                            Cast(history.id, 'VARCHAR')).as_('document'),
                        Literal(name).as_('field'),
                        Lag(value, window=window).as_('old_value'),
                        value.as_('new_value'),
                        version.as_('version')))
        changes = Union(*queries, all_=True)
        changed = ((changes.old_value != changes.new_value)
            | ((changes.old_value == Null) & (changes.new_value != Null))
            | ((changes.old_value != Null) & (changes.new_value == Null)))
        return changes.select(
            RowNumber(window=Window([], order_by=[
                        changes.date.asc, changes.document.asc,
                        changes.field.asc, changes.version.asc])).as_('id'),
            Literal(0).as_('create_uid'),
            CurrentTimestamp().as_('create_date'),
            Literal(None).as_('write_uid'),
            Literal(None).as_('write_date'),
            changes.date, changes.user, changes.document, changes.field,
            changes.old_value, changes.new_value,
            where=changed)
