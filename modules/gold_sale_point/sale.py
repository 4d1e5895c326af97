"""Counter bill lines for tagged pieces, priced by the pricing core at the
rate of the moment they are scanned and never repriced afterwards."""
import datetime as dt
from decimal import Decimal

from trytond.i18n import gettext
from trytond.model import fields
from trytond.pool import Pool, PoolMeta
from trytond.pyson import Bool, Eval
from trytond.transaction import Transaction

from trytond.modules.gold_product.pricing import cents
from trytond.modules.gold_product.product import MONEY, WEIGHT

from .exceptions import PieceUnavailableError, RoundOffAccountError

_piece = {'invisible': ~Bool(Eval('lot')), 'readonly': True}

# Line field -> attribute of the pricing core's PriceBreakdown
BREAKDOWN_FIELDS = {
    'gold_net_weight': 'net_weight',
    'gold_metal_value': 'metal_value',
    'gold_making': 'making',
    'gold_wastage': 'wastage',
    'gold_stones': 'stones',
    'gold_hallmark': 'hallmark',
    'gold_discount': 'discount',
    }


class POS(metaclass=PoolMeta):
    __name__ = 'sale.point'

    gold_round_off_account = fields.Many2One(
        'account.account', "Round-off Account",
        domain=[
            ('type', '!=', None),
            ('closed', '!=', True),
            ('company', '=', Eval('company', -1)),
            ],
        help="Where the difference between a bill's rounded total and its "
        "taxes is posted.")


class POSSale(metaclass=PoolMeta):
    __name__ = 'sale.point.sale'

    def _get_taxes(self):
        "Sum the taxes as each line rounded them, as the bill prints them"
        taxes = {}
        for line in self.lines:
            for key, taxline in line._get_taxes().items():
                if key in taxes:
                    taxes[key] += taxline
                else:
                    taxes[key] = taxline
        return taxes

    def get_tax_move_lines(self):
        """Post the printed taxes; what the rounding of the totals adds goes
        to the counter's round-off account instead of into the taxes"""
        taxes = sum((t.amount for t in self._get_taxes().values()), Decimal(0))
        round_off = self.total_tax - taxes
        total_tax, self.total_tax = self.total_tax, taxes
        try:
            lines = super().get_tax_move_lines()
        finally:
            self.total_tax = total_tax
        if round_off:
            lines.append(self.get_round_off_move_line(round_off))
        return lines

    def get_round_off_move_line(self, amount):
        pool = Pool()
        Line = pool.get('account.move.line')
        account = self.point.gold_round_off_account
        if not account:
            raise RoundOffAccountError(gettext(
                    'gold_sale_point.msg_round_off_account',
                    point=self.point.rec_name, sale=self.rec_name,
                    amount=amount))
        line = Line(account=account, description="Round off")
        if amount >= 0:
            line.debit, line.credit = Decimal(0), amount
        else:
            line.debit, line.credit = -amount, Decimal(0)
        return line


class POSSaleLine(metaclass=PoolMeta):
    __name__ = 'sale.point.sale.line'

    lot = fields.Many2One(
        'stock.lot', "Piece",
        domain=[('gold_purity', '!=', None)],
        states={'readonly': Eval('sale_state') != 'open'},
        help="Scan the tag, barcode or HUID.")
    gold_purity = fields.Function(
        fields.Many2One('gold.purity', "Purity", states=_piece),
        'on_change_with_gold_purity')
    gold_rate = fields.Numeric("Rate", digits=MONEY, states=_piece)
    gold_gross_weight = fields.Numeric(
        "Gross Weight", digits=WEIGHT, states=_piece)
    gold_stone_weight = fields.Numeric(
        "Stone Weight", digits=WEIGHT, states=_piece)
    gold_net_weight = fields.Numeric(
        "Net Weight", digits=WEIGHT, states=_piece)
    gold_metal_value = fields.Numeric(
        "Metal Value", digits=MONEY, states=_piece)
    gold_making = fields.Numeric("Making", digits=MONEY, states=_piece)
    gold_wastage = fields.Numeric("Wastage", digits=MONEY, states=_piece)
    gold_stones = fields.Numeric("Stones", digits=MONEY, states=_piece)
    gold_hallmark = fields.Numeric("Hallmark", digits=MONEY, states=_piece)
    gold_discount = fields.Numeric("Discount", digits=MONEY, states=_piece)

    @fields.depends('lot')
    def on_change_with_gold_purity(self, name=None):
        return self.lot.gold_purity if self.lot else None

    @fields.depends(
        'lot', 'sale', '_parent_sale.company', 'quantity',
        methods=['on_change_with_unit_price', 'on_change_with_amount'])
    def on_change_lot(self):
        "Price the scanned piece at the rate in force now and keep it"
        if not self.lot:
            return
        self.product = self.lot.product
        self.quantity = 1
        rate, breakdown = self.lot.quote_at(dt.datetime.now())
        self.set_gold_breakdown(rate, breakdown, self.lot)
        self.unit_price = self.on_change_with_unit_price()
        self.amount = self.on_change_with_amount()

    def set_gold_breakdown(self, rate, breakdown, lot):
        "Keep the rate and the price of the piece on the line"
        self.gold_rate = rate.sell_rate
        self.gold_gross_weight = lot.gross_weight
        self.gold_stone_weight = lot.stone_weight
        for fname, attr in BREAKDOWN_FIELDS.items():
            setattr(self, fname, getattr(breakdown, attr))
        self.unit_list_price = breakdown.taxable
        self.unit_gross_price = breakdown.total

    @classmethod
    def validate_fields(cls, lines, field_names):
        super().validate_fields(lines, field_names)
        if field_names & {'lot', 'quantity'}:
            cls.check_pieces([l for l in lines if l.lot])

    @classmethod
    def check_pieces(cls, lines):
        "A piece sells once: in stock at the counter and on no other bill"
        pool = Pool()
        Lot = pool.get('stock.lot')
        # Two counters scanning the same piece: the second waits for the
        # first to commit and then sees its line
        Lot.lock([l.lot for l in lines if (l.quantity or 0) > 0])
        for line in lines:
            if abs(line.quantity or 0) != 1:
                raise PieceUnavailableError(gettext(
                        'gold_sale_point.msg_piece_quantity',
                        piece=line.lot.number))
            if line.quantity < 0:
                continue
            others = cls.search([
                    ('lot', '=', line.lot.id),
                    ('id', '!=', line.id),
                    ('quantity', '>', 0),
                    ('sale.state', 'in', ['open', 'done']),
                    ], limit=1)
            if others:
                raise PieceUnavailableError(gettext(
                        'gold_sale_point.msg_piece_on_other_bill',
                        piece=line.lot.number,
                        sale=others[0].sale.rec_name))
            if line.sale.state != 'open':
                continue
            location = line.sale.point.storage_location
            with Transaction().set_context(
                    locations=[location.id], with_childs=True):
                if Lot(line.lot.id).quantity < 1:
                    raise PieceUnavailableError(gettext(
                            'gold_sale_point.msg_piece_not_in_stock',
                            piece=line.lot.number,
                            location=location.rec_name))

    def _round_taxes(self, taxes):
        """Round each tax of the line on its own, as the bill prints it:
        with the pricing core's policy for a piece, to the cent otherwise, so
        that CGST and SGST stay equal"""
        round_ = cents
        if self.lot and self.company:
            round_ = self.company.gold_rounding.component
        for taxline in taxes.values():
            taxline.amount = round_(taxline.amount)

    def get_stock_move(self):
        move = super().get_stock_move()
        if move and self.lot:
            move.lot = self.lot
        return move
