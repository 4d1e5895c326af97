"""Returns at the counter: a sold piece comes back by its bill (found by
number or by tag) onto a return bill, refunded at the sale-day value or at
today's rate as the counter says, less the counter's deduction; the return
bill prints as a credit note and is paid back through any method."""
import datetime as dt
from decimal import Decimal

from trytond.i18n import gettext
from trytond.model import ModelView, fields
from trytond.modules.gold_product.pricing import (
    PricingError, cents, price_refund)
from trytond.modules.product import round_price
from trytond.pool import Pool, PoolMeta
from trytond.pyson import Eval
from trytond.wizard import Button, StateAction, StateView, Wizard

from .exceptions import ReturnError
from .sale import GOLD_FIELDS


class POS(metaclass=PoolMeta):
    __name__ = 'sale.point'

    gold_return_basis = fields.Selection([
            ('sale_day', "Sale-Day Value"),
            ('today', "Today's Rate"),
            ], "Refund Basis", required=True,
        help="What a returned piece is refunded at.")
    gold_return_deduction = fields.Numeric(
        "Return Deduction %", digits=(5, 2), required=True,
        domain=[
            ('gold_return_deduction', '>=', 0),
            ('gold_return_deduction', '<=', 100),
            ],
        help="The share of the refund value the shop keeps on a return.")

    @classmethod
    def default_gold_return_basis(cls):
        return 'sale_day'

    @classmethod
    def default_gold_return_deduction(cls):
        return Decimal(0)


class POSSale(metaclass=PoolMeta):
    __name__ = 'sale.point.sale'

    gold_pieces = fields.Function(fields.Many2Many(
            'stock.lot', None, None, "Pieces",
            help="The tagged pieces on the bill."),
        'get_gold_pieces', searcher='search_gold_pieces')

    def get_gold_pieces(self, name):
        return [l.lot.id for l in self.lines if l.lot]

    @classmethod
    def search_gold_pieces(cls, name, clause):
        return [('lines.lot' + clause[0][len(name):], *clause[1:])]

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls._buttons.update(
            gold_return={
                'invisible': Eval('state') != 'posted',
                'depends': ['state'],
                },
            )

    @classmethod
    @ModelView.button_action('gold_sale_point.wizard_return_pieces')
    def gold_return(cls, sales):
        pass


class POSSaleLine(metaclass=PoolMeta):
    __name__ = 'sale.point.sale.line'

    gold_return_of = fields.Many2One(
        'sale.point.sale.line', "Return Of", states={'readonly': True},
        domain=[('sale.state', '=', 'posted'), ('quantity', '>', 0)],
        help="The sold line this line returns.")
    gold_return_deduction = fields.Numeric(
        "Return Deduction", digits=(16, 2), readonly=True,
        states={'invisible': ~Eval('gold_return_of')})

    @classmethod
    def copy(cls, lines, default=None):
        default = default.copy() if default else {}
        default.setdefault('gold_return_of')
        return super().copy(lines, default=default)

    @property
    def gold_priced_by_core(self):
        return not self.gold_return_of and super().gold_priced_by_core

    @classmethod
    def validate_fields(cls, lines, field_names):
        super().validate_fields(lines, field_names)
        if field_names & {'gold_return_of', 'lot', 'quantity'}:
            cls.check_returns([l for l in lines
                    if l.gold_return_of or (l.lot and (l.quantity or 0) < 0)])

    @classmethod
    def check_returns(cls, lines):
        """A return takes back a piece of that bill, once: the sold bills
        are locked first, so that two counters returning the same piece at
        once are checked one after the other"""
        pool = Pool()
        Sale = pool.get('sale.point.sale')
        sold = {l.gold_return_of.sale for l in lines if l.gold_return_of}
        if sold:
            Sale.lock(sorted(sold, key=lambda s: s.id))
        for line in lines:
            origin = line.gold_return_of
            if not origin:
                raise ReturnError(gettext(
                        'gold_sale_point.msg_return_without_bill',
                        piece=line.gold_name))
            if origin.lot != line.lot or (line.quantity or 0) >= 0:
                raise ReturnError(gettext(
                        'gold_sale_point.msg_return_not_on_bill',
                        piece=line.lot.number if line.lot else
                        line.product.rec_name,
                        sale=origin.sale.rec_name))
            others = cls.search([
                    ('gold_return_of', '=', origin.id),
                    ('id', '!=', line.id),
                    ('sale.state', '!=', 'cancelled'),
                    ], limit=1)
            if others:
                raise ReturnError(gettext(
                        'gold_sale_point.msg_return_twice',
                        piece=origin.gold_name,
                        sale=others[0].sale.rec_name))

    def gold_sold_round_off(self, taxes):
        "What rounding added to the line's total, as sold with taxes"
        if self.gold_round_off is not None:
            return self.gold_round_off
        return self.gold_total - self.gold_untaxed - sum(
            (t.amount for t in taxes), Decimal(0))

    def get_return_line(self, point, at=None):
        """Return a new line that takes self back at point, refunded as the
        counter says"""
        pool = Pool()
        Line = pool.get('sale.point.sale.line')
        LineTax = pool.get('sale.point.sale.line.tax')
        Rate = pool.get('gold.rate')
        line = Line(
            product=self.product, lot=self.lot, quantity=-abs(self.quantity),
            gold_return_of=self)
        for fname in GOLD_FIELDS + ('gold_discount_percent',):
            setattr(line, fname, getattr(self, fname))
        if point.gold_return_basis == 'today':
            line.gold_priced_at = at or dt.datetime.now()
            line.gold_rate_used = None
            rate, breakdown, gross, stone = line.gold_line_quote()
            line.set_gold_breakdown(rate, breakdown, gross, stone)
        company = Rate._get_company(None)
        # the taxes it was sold with, those of its bill's place of supply
        sold = self.gold_applied_taxes()
        try:
            refund = price_refund(
                line.gold_untaxed, self.gold_untaxed, sold,
                self.gold_sold_round_off(sold), point.gold_return_deduction,
                company.gold_rounding,
                sold_outside=self.gold_outside_tax)
        except PricingError as e:
            raise ReturnError(gettext(
                    'gold_sale_point.msg_return_value',
                    piece=self.gold_name, error=e)) from e
        quantity = Decimal(str(abs(line.quantity)))
        line.gold_return_deduction = refund.deduction
        line.gold_taxable = refund.taxable
        if line.gold_hallmark_mode == 'service':
            # the fee comes back with the piece, as its share of the value
            line.gold_hallmark = min(refund.taxable, cents(
                    self.gold_hallmark * refund.ratio))
            line.gold_taxable = refund.taxable - line.gold_hallmark
        elif line.gold_hallmark_mode == 'outside':
            line.gold_hallmark = refund.outside_tax
        line.gold_total = refund.total
        line.gold_round_off = refund.rounding_adjustment
        line.gold_taxes = [LineTax(
                tax=t.key, base=-t.base, amount=-t.amount, rounding='pro rata')
            for t in refund.taxes]
        line.unit_list_price = round_price(refund.taxable / quantity)
        line.unit_gross_price = round_price(refund.total / quantity)
        return line


class ReturnPiecesStart(ModelView):
    __name__ = 'sale.point.sale.return_pieces.start'
    __string__ = 'Return Pieces'

    sale = fields.Many2One('sale.point.sale', "Bill", readonly=True)
    lines = fields.Many2Many(
        'sale.point.sale.line', None, None, "Pieces", required=True,
        domain=[
            ('sale', '=', Eval('sale', -1)),
            ('quantity', '>', 0),
            ('gold_return_of', '=', None),
            ],
        help="The pieces of the bill the customer brings back.")


class ReturnPieces(Wizard):
    "Return Pieces"
    __name__ = 'sale.point.sale.return_pieces'
    start = StateView(
        'sale.point.sale.return_pieces.start',
        'gold_sale_point.return_pieces_start_view_form', [
            Button("Cancel", 'end', 'tryton-cancel'),
            Button("Return", 'return_', 'tryton-ok', default=True),
            ])
    return_ = StateAction('sale_point.act_sale_form')

    def default_start(self, fields):
        return {
            'sale': self.record.id,
            'lines': [l.id for l in self.record.lines if l.lot],
            }

    def do_return_(self, action):
        pool = Pool()
        Sale = pool.get('sale.point.sale')
        sale = self.record
        for line in self.start.lines:
            if line.sale != sale:
                raise ReturnError(gettext(
                        'gold_sale_point.msg_return_not_on_bill',
                        piece=line.gold_name, sale=sale.rec_name))
        # at the sold bill's place of supply: its taxes are reversed
        refund = Sale(
            point=sale.point, party=sale.party, company=sale.company,
            gold_place_of_supply=sale.gold_place_of_supply,
            lines=[l.get_return_line(sale.point) for l in self.start.lines])
        refund.save()
        action['views'].reverse()
        return action, {'res_id': [refund.id]}
