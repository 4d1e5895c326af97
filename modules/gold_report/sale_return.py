"""The Sales Returns Register: one row a line a return bill took back,
with the bill it was sold on, the deduction kept and what was refunded,
as the return stored it."""
from sql import Literal, Null
from sql.conditionals import Case

from trytond.model import ModelSQL, ModelView, fields
from trytond.modules.currency.fields import Monetary
from trytond.pool import Pool

from .sale_report import (
    MONEY, WEIGHT, CompanyReport, record_columns, report_context,
    sale_lines)


class SaleReturn(CompanyReport, ModelSQL, ModelView):
    __name__ = 'gold.report.sale.return'
    __string__ = "Sales Returns Register"

    date = fields.Date("Date", readonly=True)
    sale = fields.Many2One('sale.point.sale', "Return Bill", readonly=True)
    point = fields.Many2One('sale.point', "Counter", readonly=True)
    customer = fields.Many2One('party.party', "Customer", readonly=True)
    original = fields.Many2One(
        'sale.point.sale', "Sold On", readonly=True,
        help="The bill that sold what came back.")
    original_date = fields.Date("Sale Date", readonly=True)
    days = fields.Function(fields.Integer(
            "Days After Sale",
            help="The days between the sale and the return."), 'get_days')
    product = fields.Many2One('product.product', "Product", readonly=True)
    lot = fields.Many2One('stock.lot', "Piece", readonly=True)
    quantity = fields.Float("Quantity", digits=(16, 3), readonly=True,
        help="Pieces or units taken back.")
    net_weight = fields.Numeric("Net Weight (g)", digits=WEIGHT,
        readonly=True)
    fine_weight = fields.Numeric("Fine Weight (g)", digits=WEIGHT,
        readonly=True)
    basis = fields.Selection([
            (None, ""),
            ('sale_day', "Sale-Day Value"),
            ('today', "Today's Rate"),
            ], "Basis", readonly=True,
        help="Sale-day value when the return kept the board rate of the "
        "sale; today's rate when it valued the piece at another.")
    deduction = Monetary("Deduction", currency='currency', digits=MONEY,
        readonly=True, help="What the shop kept of the value refunded.")
    taxable = Monetary("Taxable Refunded", currency='currency',
        digits=MONEY, readonly=True)
    tax = Monetary("GST Reversed", currency='currency', digits=MONEY,
        readonly=True)
    total = Monetary("Refund", currency='currency', digits=MONEY,
        readonly=True, help="The value refunded with its taxes.")

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls._order = [('date', 'ASC'), ('sale', 'ASC'), ('id', 'ASC')]

    @classmethod
    def table_query(cls):
        pool = Pool()
        Line = pool.get('sale.point.sale.line')
        Sale = pool.get('sale.point.sale')
        lines = sale_lines(report_context())
        line, sold, sold_sale = (
            Line.__table__(), Line.__table__(), Sale.__table__())
        basis = Case(
            (sold.id == Null, Literal(None)),
            (line.gold_rate_used == sold.gold_rate_used, 'sale_day'),
            (line.gold_rate_used != Null, 'today'),
            else_=Literal(None))
        return (lines
            .join(line, condition=lines.line == line.id)
            .join(sold, 'LEFT', condition=line.gold_return_of == sold.id)
            .join(sold_sale, 'LEFT', condition=sold.sale == sold_sale.id)
            .select(
                *record_columns(lines.line),
                lines.company, lines.date, lines.sale, lines.point,
                lines.party.as_('customer'),
                sold.sale.as_('original'),
                sold_sale.date.as_('original_date'),
                lines.product, line.lot,
                (-lines.quantity).as_('quantity'),
                (-lines.net_weight).as_('net_weight'),
                (-lines.fine_weight).as_('fine_weight'),
                basis.as_('basis'),
                line.gold_return_deduction.as_('deduction'),
                (-lines.untaxed).as_('taxable'),
                (-lines.tax).as_('tax'),
                (-lines.total).as_('total'),
                where=lines.quantity < 0))

    def get_days(self, name):
        if self.date and self.original_date:
            return (self.date - self.original_date).days
