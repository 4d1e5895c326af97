"""The jewellery sales reports: their context and the Sales Summary.

Every figure is summed from what the bills stored when they were priced
and paid (the line's taxable value, weights and kept taxes), never priced
again. A bill counts once it is paid (done) or posted, as in Tryton's
sales reporting; a return bill's lines are negative."""
import datetime as dt
from decimal import Decimal
from types import SimpleNamespace

from sql import Literal, Null
from sql.aggregate import Count, Max, Min, Sum
from sql.conditionals import Case, Coalesce
from sql.functions import CurrentTimestamp, Round

from trytond.i18n import gettext
from trytond.model import ModelSQL, ModelView, fields
from trytond.modules.currency.fields import Monetary
from trytond.pool import Pool
from trytond.pyson import Eval, If
from trytond.transaction import Transaction

from .exceptions import ReportingError
from .period import PERIODS, period_next, period_previous, period_start

MONEY = (16, 2)
WEIGHT = (16, 3)
BILL_STATES = ['done', 'posted']


class Context(ModelView):
    __name__ = 'gold.report.context'
    __string__ = "Jewellery Report Context"

    company = fields.Many2One('company.company', "Company", required=True)
    from_date = fields.Date("From Date", required=True,
        domain=[
            If(Eval('to_date') & Eval('from_date'),
                ('from_date', '<=', Eval('to_date')),
                ()),
            ])
    to_date = fields.Date("To Date", required=True,
        domain=[
            If(Eval('from_date') & Eval('to_date'),
                ('to_date', '>=', Eval('from_date')),
                ()),
            ])
    period = fields.Selection(PERIODS, "Period", required=True)
    point = fields.Many2One(
        'sale.point', "Counter",
        domain=[('company', '=', Eval('company', -1))])
    # not "employee": Tryton's context has the user's own
    salesperson = fields.Many2One(
        'company.employee', "Salesperson",
        domain=[('company', '=', Eval('company', -1))],
        help="The employee who sold the bills.")
    metal = fields.Many2One('gold.metal', "Metal",
        help="Only the lines priced at a board rate of the metal.")
    purity = fields.Many2One('gold.purity', "Purity",
        domain=[If(Eval('metal'), ('metal', '=', Eval('metal', -1)), ())],
        help="Only the lines priced at a board rate of the purity.")
    category = fields.Many2One('product.category', "Category",
        help="Only the products of the category or of its subcategories.")

    @classmethod
    def default_company(cls):
        return Transaction().context.get('company')

    @classmethod
    def default_from_date(cls):
        "The first day of this month"
        context = Transaction().context
        if 'from_date' in context:
            return context['from_date']
        return Pool().get('ir.date').today().replace(day=1)

    @classmethod
    def default_to_date(cls):
        context = Transaction().context
        if 'to_date' in context:
            return context['to_date']
        return Pool().get('ir.date').today()

    @classmethod
    def default_period(cls):
        return Transaction().context.get('period', 'day')

    @classmethod
    def default_point(cls):
        return Transaction().context.get('point')

    @classmethod
    def default_salesperson(cls):
        return Transaction().context.get('salesperson')

    @classmethod
    def default_metal(cls):
        return Transaction().context.get('metal')

    @classmethod
    def default_purity(cls):
        return Transaction().context.get('purity')

    @classmethod
    def default_category(cls):
        return Transaction().context.get('category')


def report_context():
    """The report's context as the user set it: company, from_date,
    to_date, period, point, salesperson, metal, purity and category; a
    reversed date range is refused"""
    context = Transaction().context
    from_date, to_date = context.get('from_date'), context.get('to_date')
    if from_date and to_date and from_date > to_date:
        lang = Pool().get('ir.lang').get()
        raise ReportingError(gettext('gold_report.msg_dates_reversed',
                from_date=lang.strftime(from_date),
                to_date=lang.strftime(to_date)))
    company = context.get('company')
    period = context.get('period') or 'day'
    if period == 'fiscalyear' and company is not None:
        check_fiscalyears(company, from_date, to_date)
    return SimpleNamespace(
        company=company, from_date=from_date, to_date=to_date,
        period=period, **{n: context.get(n) for n in [
                'point', 'salesperson', 'metal', 'purity', 'category']})


def check_fiscalyears(company, from_date, to_date):
    "Refuse a financial year period over days no fiscal year holds"
    pool = Pool()
    Company = pool.get('company.company')
    FiscalYear = pool.get('account.fiscalyear')
    for date in filter(None, [from_date, to_date]):
        if not FiscalYear.search([
                    ('company', '=', company),
                    ('start_date', '<=', date),
                    ('end_date', '>=', date),
                    ], limit=1):
            lang = pool.get('ir.lang').get()
            raise ReportingError(gettext('gold_report.msg_no_fiscalyear',
                    date=lang.strftime(date),
                    company=Company(company).rec_name))


def sale_lines(filters):
    """The lines of the company's paid and posted bills dated from to (of
    the counter, salesperson, metal, purity and category when filters,
    report_context(), names them), with what they stored: one row a line,
    signed (a return is negative): sale, date, company, point, employee,
    party, product, purity (of the board rate that priced it), quantity,
    pieces, gross, net and fine weight, the taxable value's components
    (metal value, making, wastage, stones, hallmark fee however billed,
    discount), the untaxed value, the tax and its CGST, SGST and IGST, the
    round off, the hallmark fee collected outside GST and the total"""
    pool = Pool()
    Line = pool.get('sale.point.sale.line')
    LineTax = pool.get('sale.point.sale.line.tax')
    Purity = pool.get('gold.purity')
    Rate = pool.get('gold.rate')
    Sale = pool.get('sale.point.sale')
    Tax = pool.get('account.tax')
    line, sale = Line.__table__(), Sale.__table__()
    rate, purity = Rate.__table__(), Purity.__table__()
    line_tax, tax = LineTax.__table__(), Tax.__table__()

    def head(name):
        return Sum(Case((tax.gst_head == name, line_tax.amount), else_=0))
    taxes = (line_tax
        .join(tax, condition=line_tax.tax == tax.id)
        .select(
            line_tax.line, Sum(line_tax.amount).as_('amount'),
            head('cgst').as_('cgst'), head('sgst').as_('sgst'),
            head('igst').as_('igst'),
            group_by=[line_tax.line]))
    sign = Case((line.quantity < 0, -1), else_=1)
    quantity = Line.unit_list_price.sql_cast(line.quantity)

    def gold(column):
        return sign * Coalesce(column, 0)
    service = line.gold_hallmark_mode == 'service'
    outside = line.gold_hallmark_mode == 'outside'
    # a gold line's value is its taxable value as priced (and a hallmark
    # billed as a service); another line's is quantity x list price
    untaxed = Case(
        (line.gold_taxable != Null, gold(line.gold_taxable) + Case(
                (service, gold(line.gold_hallmark)), else_=0)),
        else_=quantity * line.unit_list_price)
    tax_amount = Coalesce(taxes.amount, 0)
    # a gold line's total as priced; another line's is its value and taxes
    total = Case(
        (line.gold_total != Null, gold(line.gold_total)),
        else_=quantity * line.unit_list_price + tax_amount)
    net = gold(line.gold_net_weight)
    where = (sale.company == filters.company) & sale.state.in_(BILL_STATES)
    if filters.from_date:
        where &= sale.date >= filters.from_date
    if filters.to_date:
        where &= sale.date <= filters.to_date
    if filters.point:
        where &= sale.point == filters.point
    if filters.salesperson:
        where &= sale.employee == filters.salesperson
    if filters.metal:
        where &= purity.metal == filters.metal
    if filters.purity:
        where &= rate.purity == filters.purity
    if filters.category:
        where &= line.product.in_(category_products(filters.category))
    return (line
        .join(sale, condition=line.sale == sale.id)
        .join(rate, 'LEFT', condition=line.gold_rate_used == rate.id)
        .join(purity, 'LEFT', condition=rate.purity == purity.id)
        .join(taxes, 'LEFT', condition=taxes.line == line.id)
        .select(
            line.id.as_('line'), sale.id.as_('sale'), sale.date,
            sale.company, sale.point, sale.employee, sale.party,
            line.product, rate.purity, quantity.as_('quantity'),
            Case((line.quantity > 0, quantity), else_=0).as_('pieces'),
            gold(line.gold_gross_weight).as_('gross_weight'),
            net.as_('net_weight'),
            (net * Coalesce(purity.factor, 0)).as_('fine_weight'),
            gold(line.gold_metal_value).as_('metal_value'),
            gold(line.gold_making).as_('making'),
            gold(line.gold_wastage).as_('wastage'),
            gold(line.gold_stones).as_('stones'),
            gold(line.gold_hallmark).as_('hallmark'),
            gold(line.gold_discount_amount).as_('discount'),
            untaxed.as_('untaxed'),
            tax_amount.as_('tax'),
            Coalesce(taxes.cgst, 0).as_('cgst'),
            Coalesce(taxes.sgst, 0).as_('sgst'),
            Coalesce(taxes.igst, 0).as_('igst'),
            gold(line.gold_round_off).as_('round_off'),
            Case((outside, gold(line.gold_hallmark)), else_=0).as_(
                'outside_tax'),
            total.as_('total'),
            where=where))


# a sum as the reports give it: a numeric, rounded to its digits
_NUMERIC = fields.Numeric("Sum")


def money_sum(value):
    return Round(_NUMERIC.sql_cast(value), MONEY[1])


def weight_sum(value):
    return Round(_NUMERIC.sql_cast(value), WEIGHT[1])


def record_columns(id_):
    "The columns every record has: the row's id, and no creator nor writer"
    return [id_.as_('id'), Literal(0).as_('create_uid'),
        CurrentTimestamp().as_('create_date'),
        Literal(None).as_('write_uid'), Literal(None).as_('write_date')]


def category_products(category):
    "The query of the products in category or in its subcategories"
    pool = Pool()
    Category = pool.get('product.category')
    Product = pool.get('product.product')
    TemplateCategory = pool.get('product.template-product.category')
    product, template_category = (
        Product.__table__(), TemplateCategory.__table__())
    categories = [c.id for c in Category.search(
            [('parent', 'child_of', [category])])]
    return product.join(template_category,
        condition=template_category.template == product.template).select(
        product.id, where=template_category.category.in_(categories))


class DecimalSums:
    """A report whose sums read as Decimal to their digits, as float and
    its flags as booleans, on both backends (SQLite sums stored decimals as
    floats and compares as integers, PostgreSQL a float times a numeric as
    a numeric)"""
    __slots__ = ()

    @classmethod
    def read(cls, ids, fields_names):
        rows = super().read(ids, fields_names)
        numeric, floats, booleans = {}, [], []
        for name in fields_names:
            field = cls._fields.get(name)
            if (isinstance(field, fields.Numeric)
                    and isinstance(field.digits, tuple)):
                numeric[name] = Decimal(1).scaleb(-field.digits[1])
            elif isinstance(field, fields.Float):
                floats.append(name)
            elif isinstance(field, fields.Boolean):
                booleans.append(name)
        for row in rows:
            for name, exponent in numeric.items():
                value = row.get(name)
                if isinstance(value, (float, int, Decimal)):
                    row[name] = Decimal(str(value)).quantize(exponent)
            for name in floats:
                if row.get(name) is not None:
                    row[name] = float(row[name])
            for name in booleans:
                row[name] = bool(row.get(name))
        return rows


class CompanyReport(DecimalSums):
    "A report of a company's figures, in its currency"
    __slots__ = ()
    company = fields.Many2One('company.company', "Company", readonly=True)
    currency = fields.Function(
        fields.Many2One('currency.currency', "Currency"), 'get_currency')

    def get_currency(self, name):
        return self.company.currency.id if self.company else None


class SalesFigures:
    "What a sales report sums of the lines of a period or a group"
    __slots__ = ()
    bills = fields.Integer("Bills", readonly=True,
        help="The bills that sold.")
    pieces = fields.Float("Pieces", digits=(16, 0), readonly=True,
        help="Pieces and units sold, returns not deducted.")
    net_weight = fields.Numeric("Net Weight (g)", digits=WEIGHT,
        readonly=True, help="Net of the weight returned.")
    fine_weight = fields.Numeric("Fine Weight (g)", digits=WEIGHT,
        readonly=True, help="Pure metal: net weight x purity factor.")
    sales = Monetary("Sales", currency='currency', digits=MONEY,
        readonly=True, help="The taxable value sold.")
    returns = Monetary("Returns", currency='currency', digits=MONEY,
        readonly=True, help="The taxable value refunded.")
    net_sales = Monetary("Net Sales", currency='currency', digits=MONEY,
        readonly=True, help="Sales less returns, before tax.")
    tax = Monetary("GST", currency='currency', digits=MONEY, readonly=True,
        help="The taxes the bills kept, less those of the returns.")


class SalePeriod(SalesFigures, CompanyReport, ModelSQL, ModelView):
    __name__ = 'gold.report.sale.period'
    __string__ = "Sales Summary"

    period = fields.Date("Period", readonly=True,
        help="The first day of the period.")
    period_end = fields.Function(
        fields.Date("Period End", help="The last day of the period."),
        'get_period_end')
    return_bills = fields.Integer("Return Bills", readonly=True)
    average_bill = fields.Function(Monetary(
            "Average Bill", currency='currency', digits=MONEY,
            help="Sales divided by the bills."), 'get_average_bill')
    previous_net_sales = fields.Function(Monetary(
            "Previous Net Sales", currency='currency', digits=MONEY,
            help="The net sales of the period before."), 'get_previous')
    change = fields.Function(fields.Numeric(
            "Change %", digits=(16, 1),
            help="Net sales against the period before, in percent."),
        'get_previous')

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls._order = [('period', 'ASC'), ('id', 'ASC')]

    @classmethod
    def table_query(cls):
        filters = report_context()
        lines = sale_lines(filters)
        start = cls.period.sql_cast(
            period_start(filters.period, lines.date, lines.company))
        # the period in a subquery: PostgreSQL groups by an expression
        # only if it is the selected one, parameters included
        lines = lines.select(
            lines.line, lines.sale, lines.company, lines.pieces,
            lines.net_weight, lines.fine_weight, lines.untaxed, lines.tax,
            start.as_('period'))
        sold = lines.untaxed > 0
        returned = lines.untaxed < 0

        return lines.select(
            *record_columns(Min(lines.line)),
            Max(lines.company).as_('company'),
            lines.period,
            Count(Case((sold, lines.sale)), distinct=True).as_('bills'),
            Sum(lines.pieces).as_('pieces'),
            weight_sum(Sum(lines.net_weight)).as_('net_weight'),
            weight_sum(Sum(lines.fine_weight)).as_('fine_weight'),
            money_sum(Sum(Case((sold, lines.untaxed), else_=0))).as_('sales'),
            Count(Case((returned, lines.sale)), distinct=True).as_(
                'return_bills'),
            money_sum(Sum(Case((returned, -lines.untaxed), else_=0))).as_(
                'returns'),
            money_sum(Sum(lines.untaxed)).as_('net_sales'),
            money_sum(Sum(lines.tax)).as_('tax'),
            group_by=[lines.period])

    def get_period_end(self, name):
        period = Transaction().context.get('period') or 'day'
        return period_next(
            period, self.period, self.company.id) - dt.timedelta(days=1)

    def get_average_bill(self, name):
        if self.bills:
            return self.company.currency.round(self.sales / self.bills)

    @classmethod
    def get_previous(cls, records, names):
        """The net sales of each period before, and the change in percent,
        from the same report over the periods before"""
        period = Transaction().context.get('period') or 'day'
        result = {n: {r.id: None for r in records} for n in names}
        starts = {r.id: period_previous(period, r.period, r.company.id)
            for r in records}
        if not any(starts.values()):
            return result
        # one report over the periods before them all
        with Transaction().set_context(
                from_date=min(s for s in starts.values() if s),
                to_date=max(r.period for r in records) - dt.timedelta(days=1)):
            before = {r.period: r.net_sales for r in cls.search([])}
        for record in records:
            start = starts[record.id]
            if start is None:
                continue
            amount = record.company.currency.round(
                before.get(start, Decimal(0)))
            if 'previous_net_sales' in result:
                result['previous_net_sales'][record.id] = amount
            if 'change' in result and amount:
                change = (record.net_sales - amount) / amount
                result['change'][record.id] = (change * 100).quantize(
                    Decimal('0.1'))
        return result
