"""The Sales Register: one row a bill, as it was priced, taxed and paid.

The figures are the bill lines' stored ones (sale_report.sale_lines), its
payments by the kind of their method and the old gold it took, summed by
bill; a return bill's are negative, so that the register's totals are the
period's net sales."""
from sql.aggregate import Min, Sum
from sql.conditionals import Case, Coalesce

from trytond.model import ModelSQL, ModelView, fields
from trytond.modules.currency.fields import Monetary
from trytond.pool import Pool

from .sale_report import (
    MONEY, WEIGHT, CompanyReport, money_sum, record_columns, report_context,
    sale_lines, weight_sum)

# the kinds of payment methods the register has a column for
TENDERS = ['cash', 'card', 'upi', 'cheque', 'voucher', 'other']


def _money(string, help=""):
    return Monetary(string, currency='currency', digits=MONEY,
        readonly=True, help=help)


def _weight(string, help=""):
    return fields.Numeric(string, digits=WEIGHT, readonly=True, help=help)


class SaleBill(CompanyReport, ModelSQL, ModelView):
    __name__ = 'gold.report.sale.bill'
    __string__ = "Sales Register"

    date = fields.Date("Date", readonly=True)
    sale = fields.Many2One('sale.point.sale', "Bill", readonly=True)
    point = fields.Many2One('sale.point', "Counter", readonly=True)
    salesperson = fields.Many2One(
        'company.employee', "Salesperson", readonly=True)
    customer = fields.Many2One('party.party', "Customer", readonly=True)
    gstin = fields.Char("Customer GSTIN", readonly=True)
    place_of_supply = fields.Many2One(
        'country.subdivision', "Place of Supply", readonly=True)
    is_return = fields.Boolean("Return", readonly=True,
        help="The bill refunds more than it sells: a credit note.")
    pieces = fields.Float("Pieces", digits=(16, 0), readonly=True,
        help="Pieces and units sold, returns not deducted.")
    gross_weight = _weight("Gross Weight (g)")
    net_weight = _weight("Net Weight (g)")
    fine_weight = _weight("Fine Weight (g)",
        help="Pure metal: net weight x purity factor.")
    metal_value = _money("Metal Value")
    making = _money("Making")
    wastage = _money("Wastage")
    stones = _money("Stones")
    hallmark = _money("Hallmark",
        help="The hallmark fees, however the counter bills them.")
    discount = _money("Discount", help="The discounts given on making.")
    taxable = _money("Taxable Value",
        help="The value before tax, hallmark fees billed as a service "
        "included.")
    cgst = _money("CGST")
    sgst = _money("SGST")
    igst = _money("IGST")
    tax = _money("GST", help="All the taxes the bill kept.")
    round_off = _money("Round Off")
    outside_tax = _money("Outside GST",
        help="The hallmark fees collected outside GST.")
    total = _money("Total")
    old_gold = _money("Old Gold", help="The old gold the bill took.")
    cash = _money("Cash")
    card = _money("Card")
    upi = _money("UPI")
    cheque = _money("Cheque")
    voucher = _money("Voucher")
    other = _money("Other Payments")
    state = fields.Selection('get_states', "State", readonly=True)

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls._order = [('date', 'ASC'), ('sale', 'ASC'), ('id', 'ASC')]

    @classmethod
    def get_states(cls):
        Sale = Pool().get('sale.point.sale')
        return Sale.fields_get(['state'])['state']['selection']

    @classmethod
    def table_query(cls):
        pool = Pool()
        Identifier = pool.get('party.identifier')
        Method = pool.get('sale.point.payment.method')
        OldGold = pool.get('sale.point.sale.old_gold')
        Payment = pool.get('sale.point.payment')
        Sale = pool.get('sale.point.sale')
        lines = sale_lines(report_context())
        sale = Sale.__table__()
        payment, method = Payment.__table__(), Method.__table__()
        old_gold, identifier = OldGold.__table__(), Identifier.__table__()

        bills = lines.select(
            lines.sale,
            Sum(lines.pieces).as_('pieces'),
            *(weight_sum(Sum(getattr(lines, n))).as_(n) for n in [
                    'gross_weight', 'net_weight', 'fine_weight']),
            *(money_sum(Sum(getattr(lines, n))).as_(n) for n in [
                    'metal_value', 'making', 'wastage', 'stones',
                    'hallmark', 'discount', 'cgst', 'sgst', 'igst', 'tax',
                    'round_off', 'outside_tax', 'total']),
            money_sum(Sum(lines.untaxed)).as_('taxable'),
            group_by=[lines.sale])
        tenders = (payment
            .join(method, condition=payment.method == method.id)
            .select(
                payment.sale,
                *(Sum(Case((method.gold_kind == k, payment.amount),
                            else_=0)).as_(k) for k in TENDERS),
                group_by=[payment.sale]))
        old = old_gold.select(
            old_gold.sale, Sum(old_gold.amount).as_('amount'),
            group_by=[old_gold.sale])
        gstins = identifier.select(
            identifier.party, Min(identifier.code).as_('code'),
            where=identifier.type == 'in_vat',
            group_by=[identifier.party])
        return (bills
            .join(sale, condition=bills.sale == sale.id)
            .join(tenders, 'LEFT', condition=tenders.sale == sale.id)
            .join(old, 'LEFT', condition=old.sale == sale.id)
            .join(gstins, 'LEFT', condition=gstins.party == sale.party)
            .select(
                *record_columns(sale.id),
                sale.company, sale.date, sale.id.as_('sale'), sale.point,
                sale.employee.as_('salesperson'),
                sale.party.as_('customer'), gstins.code.as_('gstin'),
                sale.gold_place_of_supply.as_('place_of_supply'),
                (bills.taxable < 0).as_('is_return'),
                bills.pieces,
                bills.gross_weight, bills.net_weight, bills.fine_weight,
                bills.metal_value, bills.making, bills.wastage,
                bills.stones, bills.hallmark, bills.discount,
                bills.taxable, bills.cgst, bills.sgst, bills.igst,
                bills.tax, bills.round_off, bills.outside_tax, bills.total,
                money_sum(Coalesce(old.amount, 0)).as_('old_gold'),
                *(money_sum(Coalesce(getattr(tenders, k), 0)).as_(k)
                    for k in TENDERS),
                sale.state))
