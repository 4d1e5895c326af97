"""The taxes of a bill, fixed when its lines are priced: each line keeps the
taxes it applies (the tax, its base, its amount and the rounding that made
it), and the invoice, the posting and every return read those figures only.

A gold line's taxes are the pricing core's, on the terms Tryton computes for
the product's taxes on the bill's date and with the company's rounding
policy; another line's are Tryton's own, to the cent; a return line's are
its sold line's, pro rata to its refund."""
from decimal import Decimal

from trytond.i18n import gettext
from trytond.model import ModelSQL, ModelView, fields
from trytond.modules.account.tax import _TaxLine
from trytond.modules.currency.fields import Monetary
from trytond.modules.gold_product.pricing import AppliedTax, apply_taxes
from trytond.modules.gold_product.product import MONEY, tax_terms
from trytond.pool import Pool, PoolMeta

from .exceptions import HallmarkAccountError, RoundOffAccountError
from .sale import BillPart, money, set_balance, written_with


class POSSale(metaclass=PoolMeta):
    __name__ = 'sale.point.sale'

    gold_round_off = fields.Function(Monetary(
            "Round Off", currency='currency', digits='currency',
            help="What rounding the lines' totals adds to their taxable "
            "values and taxes: taxable value + tax + round off = total."),
        'on_change_with_gold_round_off')

    @classmethod
    def on_modification(cls, mode, sales, field_names=None):
        """An open bill's lines keep the taxes of its new place of supply or
        date: a write of the bill alone reprices no line"""
        Line = Pool().get('sale.point.sale.line')
        super().on_modification(mode, sales, field_names=field_names)
        if mode == 'write' and field_names & {'gold_place_of_supply', 'date'}:
            Line.keep_taxes([l for s in sales if s.state == 'open'
                    for l in s.lines if not l.gold_return_of])

    def _get_taxes(self):
        "The taxes of the bill: its lines' as they keep them"
        taxes = {}
        for line in self.lines:
            for key, taxline in line._get_taxes().items():
                if key in taxes:
                    taxes[key] += taxline
                else:
                    taxes[key] = taxline
        return taxes

    @property
    def gold_outside_tax(self):
        "What the bill collects outside GST: hallmark fees passed through"
        return sum((l.gold_outside_tax for l in self.lines), Decimal(0))

    @fields.depends('lines', methods=[
            'on_change_with_total', 'on_change_with_total_tax'])
    def on_change_with_gold_round_off(self, name=None):
        return (self.on_change_with_total() - self.gold_untaxed
            - self.on_change_with_total_tax() - self.gold_outside_tax)

    @fields.depends(methods=['on_change_with_gold_round_off'])
    def set_amounts(self):
        super().set_amounts()
        self.gold_round_off = self.on_change_with_gold_round_off()

    def get_tax_move_lines(self):
        """Post the taxes the lines keep; what rounding the totals adds goes
        to the counter's round-off account"""
        lines = super().get_tax_move_lines()
        round_off = self.gold_round_off
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
                    amount=money(amount, self.currency)))
        line = Line(account=account, description="Round off")
        set_balance(line, -amount)
        return line


class POSSaleLine(metaclass=PoolMeta):
    __name__ = 'sale.point.sale.line'

    gold_taxes = fields.One2Many(
        'sale.point.sale.line.tax', 'line', "Taxes", readonly=True,
        help="The taxes the line applies, as it was priced: its invoice, "
        "posting and return read them.")
    # what the taxes of a line are computed from
    _gold_tax_fields = {
        'product', 'lot', 'quantity', 'unit_list_price', 'unit_gross_price',
        'gold_taxable', 'gold_total', 'gold_rate_used'}

    @classmethod
    def copy(cls, lines, default=None):
        "A copy keeps the taxes it is priced with, not those it copies"
        default = default.copy() if default else {}
        default.setdefault('gold_taxes')
        return super().copy(lines, default=default)

    @property
    def gold_tax_terms(self):
        """The pricing core's TaxTerm of the line's taxes on the bill's date
        at its place of supply"""
        date = self.tax_date
        if self.sale and self.sale.gold_interstate:
            return tax_terms(self.taxes, date)
        return self.product.template.gold_taxes(date)

    @property
    def gold_hallmark_terms(self):
        """The pricing core's terms of the company's hallmark service tax at
        the bill's place of supply when it is another state, else None: the
        company's own"""
        sale = self.sale
        if not sale or not sale.gold_interstate:
            return None
        # a form sends the bill's company with the fields that price a line
        company = sale.company
        if company and company.gold_hallmark_tax:
            return company.gold_hallmark_terms(
                sale.gold_supply_taxes([company.gold_hallmark_tax]),
                self.tax_date)

    def gold_priced_taxes(self):
        """Return ((AppliedTax, rounding), ...) of the line as it is priced
        now, unsigned"""
        pool = Pool()
        Tax = pool.get('account.tax')
        if self.gold_taxable is not None:
            rounding = self.company.gold_rounding
            applied, _ = apply_taxes(
                self.gold_taxable, self.gold_tax_terms, rounding)
            if self.gold_hallmark_mode == 'service':
                terms = self.gold_hallmark_terms
                if terms is None:
                    terms = self.company.gold_hallmark_terms(
                        date=self.tax_date)
                service, _ = apply_taxes(
                    self.gold_hallmark or Decimal(0), terms, rounding)
                applied += service
            return [(t, str(rounding)) for t in applied]
        # Tryton's own taxes on the line's unit price, each to the cent
        quantity = Decimal(str(abs(self.quantity or 0)))
        taxes = {}
        for row in Tax.compute(
                self.taxes, self.unit_list_price or Decimal(0), quantity,
                self.tax_date):
            tax = row['tax']
            base, amount = taxes.get(tax, (Decimal(0), Decimal(0)))
            taxes[tax] = (base + row['base'], amount + row['amount'])
        currency = self.currency
        return [(AppliedTax(name=tax.name, base=currency.round(base),
                    amount=currency.round(amount), key=tax.id), 'line 0.01')
            for tax, (base, amount) in taxes.items()]

    def gold_applied_taxes(self):
        "Return the line's AppliedTax, unsigned: kept, or as priced now"
        if self.id is not None and self.id >= 0 and self.gold_taxes:
            sign = self._gold_sign
            return [AppliedTax(name=t.tax.name, base=sign * t.base,
                    amount=sign * t.amount, key=t.tax.id)
                for t in self.gold_taxes]
        return [t for t, _ in self.gold_priced_taxes()]

    def _get_taxes(self):
        "The line's taxes as Tryton posts them, from the figures it keeps"
        Tax = Pool().get('account.tax')
        taxes = {}
        sign = self._gold_sign
        for applied in self.gold_applied_taxes():
            tax = Tax(applied.key)
            base = sign * applied.base
            taxline = _TaxLine(
                base=base, amount=sign * applied.amount, tax=tax,
                account=tax.invoice_account if base >= 0
                else tax.credit_note_account)
            if taxline._key in taxes:
                taxes[taxline._key] += taxline
            else:
                taxes[taxline._key] = taxline
        return taxes

    @property
    def tax_amount(self):
        """The taxes of a gold line, without what rounding its total adds
        nor a fee collected outside GST"""
        if getattr(self, 'gold_total', None) is None:
            return super().tax_amount
        return (self._gold_sign * (self.gold_total - self.gold_untaxed
                - (self.gold_round_off or 0)) - self.gold_outside_tax)

    def get_account_move_lines(self):
        "A hallmark fee collected outside GST is owed to the centre"
        lines = super().get_account_move_lines()
        outside = self.gold_outside_tax
        if outside:
            lines.append(self.get_outside_tax_move_line(outside))
        return lines

    def get_outside_tax_move_line(self, amount):
        pool = Pool()
        Line = pool.get('account.move.line')
        point = self.sale.point
        account = point.gold_hallmark_account
        if not account:
            raise HallmarkAccountError(gettext(
                    'gold_sale_point.msg_hallmark_account',
                    point=point.rec_name, sale=self.sale.rec_name,
                    amount=money(amount, self.sale.currency)))
        line = Line(account=account, description="Hallmarking charges")
        set_balance(line, -amount)
        return line

    @classmethod
    def create(cls, vlist):
        lines = super().create(vlist)
        cls.keep_taxes([l for l in lines if not l.gold_return_of])
        return lines

    @classmethod
    def write(cls, *args):
        super().write(*args)
        lines = cls.browse(written_with(args, cls._gold_tax_fields))
        cls.keep_taxes([l for l in lines
                if l.sale.state == 'open' and not l.gold_return_of])

    @classmethod
    def keep_taxes(cls, lines):
        """Keep the taxes of the lines as priced now, in place of those they
        kept"""
        LineTax = Pool().get('sale.point.sale.line.tax')
        if not lines:
            return
        LineTax.delete(LineTax.search([('line', 'in', [l.id for l in lines])]))
        taxes = []
        for line in lines:
            sign = line._gold_sign
            for applied, rounding in line.gold_priced_taxes():
                taxes.append(LineTax(
                        line=line, tax=applied.key, base=sign * applied.base,
                        amount=sign * applied.amount, rounding=rounding))
        LineTax.save(taxes)


class POSSaleLineTax(BillPart, ModelSQL, ModelView):
    __name__ = 'sale.point.sale.line.tax'
    __string__ = "Tax of a Bill Line"

    line = fields.Many2One(
        'sale.point.sale.line', "Line", required=True, ondelete='CASCADE')
    tax = fields.Many2One(
        'account.tax', "Tax", required=True, readonly=True,
        ondelete='RESTRICT')
    base = fields.Numeric("Base", digits=MONEY, readonly=True)
    amount = fields.Numeric("Amount", digits=MONEY, readonly=True)
    rounding = fields.Char(
        "Rounding", readonly=True,
        help="The rounding policy the amount was made with.")

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls.__access__.add('line')
        cls._order.insert(0, ('line', 'ASC'))

    @property
    def sale(self):
        return self.line.sale
