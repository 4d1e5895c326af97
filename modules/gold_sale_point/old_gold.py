"""Old gold taken at the counter, in exchange on a bill or bought back on a
voucher of its own: tested, valued at the board's buy rate (which staff may
lower, never raise) and credited to the customer as a payment, not as a
reduction of the taxable value."""
import datetime as dt
from decimal import Decimal

from trytond.i18n import gettext
from trytond.model import ModelSQL, ModelView, fields
from trytond.modules.currency.fields import Monetary
from trytond.modules.gold_product.pricing import PricingError, value_old_gold
from trytond.modules.gold_product.product import MONEY, WEIGHT
from trytond.modules.product import round_price
from trytond.pool import Pool
from trytond.pyson import Eval
from trytond.transaction import Transaction

from .exceptions import OldGoldError
from .sale import BillPart, money

PERCENT = (5, 2)
_states = {'readonly': Eval('sale_state') != 'open'}
_VALUE_FIELDS = (
    'gross_weight', 'stone_weight', 'loss_percent', 'rate', 'readings')


class OldGold(BillPart, ModelSQL, ModelView):
    __name__ = 'sale.point.sale.old_gold'
    __string__ = 'Old Gold'
    # posting stocks it
    _bill_workflow_fields = ('lot', 'move')

    sale = fields.Many2One(
        'sale.point.sale', "Bill", required=True, ondelete='CASCADE',
        states=_states)
    description = fields.Char(
        "Description", required=True, states=_states,
        help="What the customer brought: \"old chain, broken clasp\".")
    metal = fields.Many2One(
        'gold.metal', "Metal", required=True, states=_states)
    purity = fields.Many2One(
        'gold.purity', "Purity", required=True, states=_states,
        domain=[('metal', '=', Eval('metal', -1))],
        help="The purity the old metal is stocked under.")
    gross_weight = fields.Numeric(
        "Gross Weight", digits=WEIGHT, required=True, states=_states)
    stone_weight = fields.Numeric(
        "Stone Weight", digits=WEIGHT, required=True, states=_states)
    net_weight = fields.Function(
        fields.Numeric("Net Weight", digits=WEIGHT), 'get_value')
    readings = fields.One2Many(
        'sale.point.sale.old_gold.reading', 'old_gold', "Readings",
        states=_states,
        help="Every purity reading taken; mark the one used.")
    tested_purity = fields.Function(
        fields.Numeric("Tested Purity %", digits=PERCENT),
        'on_change_with_tested_purity')
    loss_percent = fields.Numeric(
        "Loss %", digits=PERCENT, required=True, states=_states,
        help="The melting and testing loss deducted from the net weight.")
    board_rate = fields.Numeric(
        "Board Rate", digits=MONEY, readonly=True,
        help="The board's buy rate per gram of the metal's base purity when "
        "the old gold was taken.")
    rate = fields.Numeric(
        "Rate", digits=MONEY, required=True, states=_states,
        help="The buy rate per gram; at most the board rate.")
    fine_weight = fields.Function(
        fields.Numeric("Fine Weight", digits=WEIGHT), 'get_value')
    amount = Monetary(
        "Amount", currency='currency', digits='currency', readonly=True,
        help="The value credited to the customer, computed from the "
        "weights, the reading used and the rate; kept as it was when the "
        "bill was settled.")
    lot = fields.Many2One('stock.lot', "Lot", readonly=True)
    move = fields.Many2One('stock.move', "Stock Move", readonly=True)
    sale_state = fields.Function(fields.Selection(
            'get_sale_states', "Bill State"), 'on_change_with_sale_state')
    currency = fields.Function(fields.Many2One(
            'currency.currency', "Currency"), 'on_change_with_currency')

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls.__access__.add('sale')

    @classmethod
    def default_metal(cls):
        Metal = Pool().get('gold.metal')
        metals = Metal.search([('code', '=', 'gold')], limit=1)
        return metals[0].id if metals else None

    @classmethod
    def default_stone_weight(cls):
        return Decimal('0.000')

    @classmethod
    def default_loss_percent(cls):
        return Decimal('0.00')

    @classmethod
    def default_board_rate(cls):
        metal = cls.default_metal()
        if metal is not None:
            return cls.get_board_rate(metal)

    @classmethod
    def default_rate(cls):
        return cls.default_board_rate()

    @classmethod
    def get_board_rate(cls, metal, at=None):
        """Return the board's buy rate per gram of metal's base purity at the
        moment at, failing when there is none"""
        pool = Pool()
        Metal = pool.get('gold.metal')
        Rate = pool.get('gold.rate')
        metal = Metal(int(metal))
        rate = Rate.rate_at(metal.base_purity, at or dt.datetime.now())
        return rate.buy_rate

    @fields.depends('metal', 'purity')
    def on_change_metal(self):
        if self.purity and self.purity.metal != self.metal:
            self.purity = None
        self.board_rate = self.rate = (
            self.get_board_rate(self.metal) if self.metal else None)

    @fields.depends('readings')
    def on_change_with_tested_purity(self, name=None):
        reading = self.used_reading
        return reading.purity if reading else None

    @property
    def used_reading(self):
        "The reading marked as used, or the only one"
        readings = [r for r in (self.readings or []) if r.purity is not None]
        used = [r for r in readings if r.used]
        if len(used) == 1:
            return used[0]
        if not used and len(readings) == 1:
            return readings[0]

    def compute_value(self):
        "Return the pricing core's OldGoldValue, raising PricingError"
        if self.gross_weight is None:
            raise PricingError('gross weight', "is missing")
        reading = self.used_reading
        if reading is None:
            raise PricingError('tested purity %', "mark the reading used")
        if self.rate is None:
            raise PricingError('buy rate', "is missing")
        return value_old_gold(
            self.gross_weight, self.stone_weight or Decimal(0),
            self.loss_percent or Decimal(0), reading.purity, self.rate)

    @fields.depends(*_VALUE_FIELDS)
    def on_change_with_net_weight(self, name=None):
        return self.get_value('net_weight')

    @fields.depends(*_VALUE_FIELDS)
    def on_change_with_fine_weight(self, name=None):
        return self.get_value('fine_weight')

    @fields.depends(*_VALUE_FIELDS)
    def on_change_with_amount(self, name=None):
        return self.get_value('amount')

    def compute_fields(self, field_names=None):
        "The amount is stored: the bill's totals read it without the readings"
        values = super().compute_fields(field_names=field_names)
        if field_names is None or set(_VALUE_FIELDS) & field_names:
            amount = self.on_change_with_amount()
            if getattr(self, 'amount', None) != amount:
                values['amount'] = amount
        return values

    @property
    def credit(self):
        "The value credited: as stored, or as the form computes it"
        if self.amount is not None and self.id is not None and self.id >= 0:
            return self.amount
        return self.on_change_with_amount() or Decimal(0)

    def get_value(self, name):
        try:
            return getattr(self.compute_value(), name)
        except PricingError:
            return None

    @classmethod
    def get_sale_states(cls):
        Sale = Pool().get('sale.point.sale')
        return Sale.fields_get(['state'])['state']['selection']

    @fields.depends('sale', '_parent_sale.state')
    def on_change_with_sale_state(self, name=None):
        if self.sale:
            return self.sale.state

    @fields.depends('sale', '_parent_sale.company')
    def on_change_with_currency(self, name=None):
        if self.sale and self.sale.company:
            return self.sale.company.currency

    @classmethod
    def preprocess_values(cls, mode, values):
        "The board rate comes from the board, whatever the client sent"
        values = super().preprocess_values(mode, values)
        values.pop('board_rate', None)
        if values.get('metal'):
            values['board_rate'] = cls.get_board_rate(values['metal'])
        if mode == 'create':
            # valued with its readings now rather than written again after
            # them (compute_fields then finds the amount as it is)
            values['amount'] = cls._created_amount(values)
        return values

    @classmethod
    def _created_amount(cls, values):
        "The amount of the old gold created with values, or None"
        Reading = Pool().get('sale.point.sale.old_gold.reading')
        record = cls(**{n: values[n] for n in _VALUE_FIELDS
                if n != 'readings' and n in values})
        record.readings = [Reading(**r)
            for action, *args in values.get('readings', [])
            if action == 'create' for r in args[0]]
        return record.on_change_with_amount()

    @classmethod
    def create(cls, vlist):
        # the readings created with the old gold are checked with it
        with Transaction().set_context(_gold_old_gold_saving=True):
            return super().create(vlist)

    @classmethod
    def write(cls, *args):
        # the readings written with the old gold are checked with it
        with Transaction().set_context(_gold_old_gold_saving=True):
            super().write(*args)

    @classmethod
    def validate_fields(cls, records, field_names):
        super().validate_fields(records, field_names)
        # posting writes the lot and the move: the value is checked already
        if field_names is None or field_names & {*_VALUE_FIELDS, 'board_rate'}:
            cls.check_value(records)

    @classmethod
    def check_value(cls, records):
        for record in records:
            if (record.rate is not None and record.board_rate is not None
                    and record.rate > record.board_rate):
                raise OldGoldError(gettext(
                        'gold_sale_point.msg_old_gold_rate_above_board',
                        old_gold=record.description,
                        rate=money(record.rate, record.currency),
                        board_rate=money(
                            record.board_rate, record.currency)))
            for reading in record.readings:
                if not (0 < reading.purity <= 100):
                    raise OldGoldError(gettext(
                            'gold_sale_point.msg_old_gold_reading_purity',
                            old_gold=record.description,
                            purity=reading.purity))
            used = [r for r in record.readings if r.used]
            if len(used) > 1 or (not used and len(record.readings) > 1):
                raise OldGoldError(gettext(
                        'gold_sale_point.msg_old_gold_reading_used',
                        old_gold=record.description))
            if record.readings:
                try:
                    record.compute_value()
                except PricingError as e:
                    raise OldGoldError(gettext(
                            'gold_sale_point.msg_old_gold_value',
                            old_gold=record.description, error=e)) from e

    @classmethod
    def check_readings(cls, records):
        "Old gold is valued on a reading: refuse it without one"
        for record in records:
            if not record.readings:
                raise OldGoldError(gettext(
                        'gold_sale_point.msg_old_gold_no_reading',
                        old_gold=record.description))

    def get_lot(self):
        "Return the old-metal lot of the purity, created when missing"
        Lot = Pool().get('stock.lot')
        return Lot.gold_purity_lot(self.metal.old_product, self.purity)

    def get_stock_move(self):
        "Return the stock move bringing the old metal into the old location"
        pool = Pool()
        Move = pool.get('stock.move')
        Uom = pool.get('product.uom')
        ModelData = pool.get('ir.model.data')
        gram = Uom(ModelData.get_id('product', 'uom_gram'))
        product = self.metal.old_product
        value = self.compute_value()
        move = Move()
        move.product = product
        move.unit = product.default_uom
        move.quantity = Uom.compute_qty(
            gram, float(value.net_weight), product.default_uom, round=False)
        move.from_location = self.sale.point.customer_location
        move.to_location = self.sale.point.gold_old_location
        move.company = self.sale.company
        move.unit_price = round_price(value.amount / value.net_weight)
        # the old metal enters stock at what the customer was credited
        move.cost_price = move.unit_price
        move.currency = self.sale.company.currency
        move.effective_date = self.sale.date
        move.lot = self.get_lot()
        move.origin = self
        return move

    def get_account_move_lines(self):
        """Return the debit of the old metal to the old-gold stock account;
        in a year valued by account_stock_continental its stock move debits
        the stock, and the bill debits the counterpart the move credits"""
        pool = Pool()
        Line = pool.get('account.move.line')
        line = Line()
        line.debit, line.credit = self.amount, Decimal(0)
        if self.sale.gold_stock_accounting:
            with Transaction().set_context(company=self.sale.company.id):
                line.account = self.metal.old_product.account_stock_in_used
        else:
            line.account = self.sale.point.gold_old_account
        line.description = self.description
        return [line]


class OldGoldReading(ModelSQL, ModelView):
    __name__ = 'sale.point.sale.old_gold.reading'
    __string__ = 'Old Gold Purity Reading'

    old_gold = fields.Many2One(
        'sale.point.sale.old_gold', "Old Gold", required=True,
        ondelete='CASCADE')
    method = fields.Selection([
            ('touchstone', "Touchstone"),
            ('xrf', "XRF"),
            ('fire_assay', "Fire Assay"),
            ], "Method", required=True)
    method_string = method.translated('method')
    purity = fields.Numeric("Purity %", digits=PERCENT, required=True)
    used = fields.Boolean("Used")

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls.__access__.add('old_gold')
        cls._order.insert(0, ('id', 'ASC'))

    @classmethod
    def default_method(cls):
        return 'xrf'

    @classmethod
    def validate_fields(cls, readings, field_names):
        pool = Pool()
        OldGold = pool.get('sale.point.sale.old_gold')
        super().validate_fields(readings, field_names)
        if not cls._with_old_gold():
            OldGold.check_value(
                OldGold.browse({r.old_gold.id for r in readings}))

    @classmethod
    def _with_old_gold(cls):
        "Whether the readings are saved through their old gold"
        return Transaction().context.get('_gold_old_gold_saving')

    @classmethod
    def on_modification(cls, mode, readings, field_names=None):
        super().on_modification(mode, readings, field_names=field_names)
        if mode != 'delete' and not cls._with_old_gold():
            cls._revalue(list({r.old_gold.id for r in readings}))

    @classmethod
    def on_delete(cls, readings):
        callbacks = super().on_delete(readings)
        if cls._with_old_gold():
            return callbacks
        old_golds = list({r.old_gold.id for r in readings})
        callbacks.append(lambda: cls._revalue(old_golds))
        return callbacks

    @classmethod
    def _revalue(cls, old_gold_ids):
        "Store again the value of the old gold whose readings changed"
        OldGold = Pool().get('sale.point.sale.old_gold')
        old_golds = OldGold.search([('id', 'in', old_gold_ids)])
        OldGold._compute_fields(old_golds, {'readings'})
