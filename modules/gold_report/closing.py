"""The day-end closing: one page of a counter's (or the shop's) day, as
the owner checks it before the cash goes to the bank: the day's board,
the bills and returns, pieces and grams sold, the old gold bought, the
payments by method and the cash sessions, expected against counted.

Printed from Jewellery › Reports › Day-End Closing for a day, and from a
cash session when it is closed (Print on the session). Every figure is
summed from what the bills and sessions stored."""
import datetime as dt
from collections import defaultdict
from decimal import Decimal
from types import SimpleNamespace

from sql.aggregate import Count, Sum

from trytond.model import ModelView, fields
from trytond.modules.gold_rate.rate import day_start
from trytond.pool import Pool
from trytond.pyson import Eval
from trytond.report import Report
from trytond.transaction import Transaction
from trytond.wizard import Button, StateReport, StateView, Wizard

from .sale_report import BILL_STATES

# the register's columns the closing totals
TOTALS = ['net_weight', 'fine_weight', 'taxable', 'cgst', 'sgst',
    'igst', 'tax', 'round_off', 'outside_tax', 'total', 'old_gold']


class ClosingStart(ModelView):
    __name__ = 'gold.report.closing.start'
    __string__ = "Day-End Closing"

    company = fields.Many2One('company.company', "Company", required=True)
    date = fields.Date("Date", required=True)
    point = fields.Many2One(
        'sale.point', "Counter",
        domain=[('company', '=', Eval('company', -1))],
        help="Leave empty for the whole shop.")

    @classmethod
    def default_company(cls):
        return Transaction().context.get('company')

    @classmethod
    def default_date(cls):
        return Pool().get('ir.date').today()


class Closing(Wizard):
    __name__ = 'gold.report.closing'
    __string__ = "Day-End Closing"

    start = StateView(
        'gold.report.closing.start', 'gold_report.closing_start_view_form', [
            Button("Cancel", 'end', 'tryton-cancel'),
            Button("Print", 'print_', 'tryton-print', default=True),
            ])
    print_ = StateReport('gold.report.closing')

    def do_print_(self, action):
        return action, {
            'company': self.start.company.id,
            'date': self.start.date,
            'point': self.start.point.id if self.start.point else None,
            }


class ClosingReport(Report):
    __name__ = 'gold.report.closing'

    @classmethod
    def get_context(cls, records, header, data):
        context = super().get_context(records, header, data)
        if records:
            session = records[0]
            company = session.point.company
            date, point = session_day(session), session.point
        else:
            pool = Pool()
            company = pool.get('company.company')(data['company'])
            date = data['date']
            point = (pool.get('sale.point')(data['point'])
                if data.get('point') else None)
        context['closing'] = closing_figures(company, date, point)
        return context


def session_day(session):
    """The day a cash session closes: that of the last bill it was paid
    cash for, or today's"""
    dates = [p.sale.date for p in session.payments if p.sale]
    return max(dates) if dates else Pool().get('ir.date').today()


def closing_figures(company, date, point=None):
    """The figures of the day-end closing of company's counter point (the
    whole shop when None) on date"""
    pool = Pool()
    Register = pool.get('gold.report.sale.bill')
    ByPurity = pool.get('gold.report.sale.purity')
    context = {
        'company': company.id, 'from_date': date, 'to_date': date,
        'point': point.id if point else None, 'period': 'day',
        }
    with Transaction().set_context(context):
        bills = Register.search([])
        purities = ByPurity.search([])
    sold = [b for b in bills if not b.is_return]
    returned = [b for b in bills if b.is_return]
    totals = {n: sum((getattr(b, n) for b in bills), Decimal(0))
        for n in TOTALS}
    totals['pieces'] = int(sum(b.pieces for b in bills))
    return SimpleNamespace(
        company=company, date=date, point=point,
        printed_at=dt.datetime.now(),
        rates=day_rates(company, date),
        bills=len(sold), returns=len(returned),
        sales=sum((b.taxable for b in sold), Decimal(0)),
        refunds=-sum((b.taxable for b in returned), Decimal(0)),
        totals=SimpleNamespace(**totals),
        purities=purities,
        old_gold=old_gold(company, date, point),
        payments=payments(company, date, point),
        sessions=sessions(company, date, point))


def day_rates(company, date):
    """The board of the day: each entry of the day, the finest purity
    first, then by time (the rates entered at opening and any change
    during the day)"""
    Rate = Pool().get('gold.rate')
    # the UTC start of the shop's day (noon UTC is on that day from UTC-12
    # to UTC+11) and the shop's offset from UTC
    _, start = day_start(dt.datetime.combine(date, dt.time(12)), company)
    offset = dt.datetime.combine(date, dt.time.min) - start
    rates = Rate.search([
            ('company', '=', company.id),
            ('valid_from', '>=', start),
            ('valid_from', '<', start + dt.timedelta(days=1)),
            ])
    # the finest first, as the board shows them
    rates.sort(key=lambda r: (-r.purity.factor, r.valid_from, r.id))
    return [SimpleNamespace(
            purity=r.purity, sell=r.sell_rate, buy=r.buy_rate,
            time=(r.valid_from + offset).strftime('%H:%M')) for r in rates]


def _day_sums(company, date, point, table, group, *sums):
    """Rows of group, its count and sums of the rows of table (a table of
    bill parts, by their sale) of the day's paid and posted bills of the
    counter"""
    Sale = Pool().get('sale.point.sale')
    cursor = Transaction().connection.cursor()
    sale = Sale.__table__()
    where = ((sale.company == company.id) & (sale.date == date)
        & sale.state.in_(BILL_STATES))
    if point:
        where &= sale.point == point.id
    cursor.execute(*table.join(sale, condition=table.sale == sale.id).select(
            group, Count(table.id), *map(Sum, sums),
            where=where, group_by=[group]))
    return cursor


def old_gold(company, date, point):
    """The old gold the day's bills took, by purity: [(purity, count,
    gross weight, value)], from what each line stored"""
    pool = Pool()
    OldGold = pool.get('sale.point.sale.old_gold')
    Purity = pool.get('gold.purity')
    old = OldGold.__table__()
    return [SimpleNamespace(
            purity=Purity(purity), count=count,
            gross_weight=_decimal(gross, 3), amount=_decimal(amount, 2))
        for purity, count, gross, amount in _day_sums(
            company, date, point, old, old.purity,
            old.gross_weight, old.amount)]


def payments(company, date, point):
    """What the day's bills were paid by: [(method, payments, amount)],
    refunds deducted"""
    pool = Pool()
    Method = pool.get('sale.point.payment.method')
    Payment = pool.get('sale.point.payment')
    payment = Payment.__table__()
    rows = [SimpleNamespace(
            method=Method(method), count=count, amount=_decimal(amount, 2))
        for method, count, amount in _day_sums(
            company, date, point, payment, payment.method, payment.amount)]
    return sorted(rows, key=lambda r: r.method.rec_name)


def sessions(company, date, point):
    """The counters' cash sessions the day's cash went into: start, cash
    received, transfers (the cash banked, negative), expected (start +
    received + transfers), counted when closed and the difference"""
    pool = Pool()
    Payment = pool.get('sale.point.payment')
    Session = pool.get('sale.point.cash.session')
    domain = [
        ('sale.company', '=', company.id),
        ('sale.date', '=', date),
        ('sale.state', 'in', BILL_STATES),
        ('session', '!=', None),
        ]
    if point:
        domain.append(('sale.point', '=', point.id))
    received = defaultdict(Decimal)
    for payment in Payment.search(domain):
        received[payment.session.id] += payment.amount
    states = dict(Session.fields_get(['state'])['state']['selection'])
    result = []
    for session in Session.browse(sorted(received)):
        expected = session.start_amount + session.balance
        transfers = sum((t.amount for t in session.transfers), Decimal(0))
        counted = session.end_amount if session.state != 'open' else None
        result.append(SimpleNamespace(
                session=session, point=session.point,
                state=states[session.state],
                start=session.start_amount, received=received[session.id],
                transfers=transfers, expected=expected, counted=counted,
                difference=(counted - expected
                    if counted is not None else None)))
    return result


def _decimal(value, digits):
    if value is None:
        return None
    return Decimal(str(value)).quantize(Decimal(1).scaleb(-digits))
