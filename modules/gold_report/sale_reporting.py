"""POS bills in Tryton's sales reporting with their customer.

sale_point puts the lines of posted bills into Tryton's sales reporting
with no customer: Sales by Customer showed none of them. Here a bill's
customer is its party, except the counter's walk-in customer, who is kept
apart (in the totals by product, category, region, not by customer). The
reporting needs a rate of the company's currency; without one it is an
error, not an empty report."""
from sql import Null
from sql.conditionals import Case

from trytond.i18n import gettext
from trytond.pool import Pool
from trytond.transaction import Transaction

from .exceptions import ReportingError


class AbstractMixin:
    __slots__ = ()

    @classmethod
    def _pos_sale_line_columns(cls, line, point, sale, currency):
        columns = super()._pos_sale_line_columns(line, point, sale, currency)
        customer = Case(
            (sale.party == point.gold_walk_in_customer, Null),
            else_=sale.party).as_('customer')
        return [customer if getattr(c, 'output_name', None) == 'customer'
            else c for c in columns]

    @classmethod
    def _joins(cls):
        cls.gold_check_currency_rate()
        return super()._joins()

    @classmethod
    def gold_check_currency_rate(cls):
        """Refuse to report for a company whose currency has no rate at the
        reporting's start (Tryton's report would leave the sales out)"""
        pool = Pool()
        Company = pool.get('company.company')
        Rate = pool.get('currency.currency.rate')
        context = Transaction().context
        company_id = context.get('company')
        if company_id is None or company_id < 0:
            return
        company = Company(company_id)
        first = Rate.search([
                ('currency', '=', company.currency.id),
                ], order=[('date', 'ASC')], limit=1)
        names = {
            'company': company.rec_name, 'currency': company.currency.code}
        if not first:
            raise ReportingError(gettext(
                    'gold_report.msg_currency_no_rate', **names))
        from_date = context.get('from_date')
        if from_date and first[0].date > from_date:
            lang = pool.get('ir.lang').get()
            raise ReportingError(gettext(
                    'gold_report.msg_currency_rate_later',
                    date=lang.strftime(from_date),
                    first=lang.strftime(first[0].date), **names))
