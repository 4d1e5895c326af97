"""Anti-money-laundering policies (a company setting; India by default,
the US and EU packs ready), and the register of reportable cash."""
import datetime as dt

from sql import Cast, Literal
from sql.aggregate import Count, Min, Sum
from sql.functions import CurrentTimestamp, DateTrunc

from trytond.i18n import gettext
from trytond.model import ModelSQL, ModelView, fields
from trytond.modules.currency.fields import Monetary
from trytond.modules.gold_rate.migration import fields_of, move_records
from trytond.pool import Pool, PoolMeta
from trytond.pyson import Eval, If
from trytond.transaction import Transaction

from . import rules
from .exceptions import AMLError

# identity and anti-money-laundering were gold_compliance's (migration)
MOVED_XML_IDS = [
    'menu_compliance', 'aml_policy_view_list', 'aml_policy_view_form',
    'act_aml_policy', 'act_aml_policy_view1', 'act_aml_policy_view2',
    'menu_aml_policy', 'access_aml_policy', 'access_aml_policy_group_admin',
    'company_view_form', 'cash_register_view_list',
    'cash_register_context_view_form', 'act_cash_register',
    'act_cash_register_view1', 'menu_cash_register', 'access_cash_register',
    'access_cash_register_group_account', 'access_cash_register_group_admin',
    'rule_group_cash_register_companies', 'rule_cash_register_companies',
    'aml_policy_india', 'aml_policy_us', 'aml_policy_eu', 'msg_kyc_no_key',
    'msg_kyc_bad_key', 'msg_kyc_wrong_key', 'msg_kyc_pan_format',
    'msg_kyc_pan_identifier', 'msg_kyc_id_format', 'msg_kyc_search_exact',
    'msg_aml_identification', 'msg_aml_form60_walk_in',
    'msg_aml_form60_address', 'msg_aml_cash_cap', 'msg_aml_scope_bill',
    'msg_aml_scope_day', 'msg_aml_scope_event', 'msg_aml_split_bill',
    'msg_aml_currency', 'group_kyc', 'user_admin_group_kyc',
    'party_view_form', 'sale_view_form']
MOVED_MODELS = [
    'gold.aml.policy', 'gold.aml.cash_register',
    'gold.aml.cash_register.context']


_MODES = [
    ('reach', "Reached (equal or more)"),
    ('exceed', "Exceeded (more)"),
    ]


class Policy(ModelSQL, ModelView):
    __name__ = 'gold.aml.policy'
    __string__ = 'Anti-Money-Laundering Policy'

    name = fields.Char("Name", required=True, translate=True)
    code = fields.Char("Code", required=True)
    currency_code = fields.Char(
        "Currency", required=True, size=3,
        help="The ISO code of the currency of the thresholds; a bill in "
        "another currency is converted at the company's rates.")

    id_threshold = fields.Numeric(
        "Identification From", digits=(16, 2),
        help="From this amount the customer must be identified.")
    id_basis = fields.Selection([
            ('bill', "Bill Total"),
            ('cash', "Cash Received"),
            ], "Identification Basis", required=True)
    id_basis_string = id_basis.translated('id_basis')
    id_document = fields.Selection([
            ('pan', "PAN or Form 60"),
            ('id', "Identity Document"),
            ], "Identification By", required=True)
    id_document_string = id_document.translated('id_document')
    id_rule = fields.Char("Identification Rule", translate=True)

    cash_cap = fields.Numeric(
        "Cash Cap", digits=(16, 2),
        help="The cash one customer may pay on a bill and on a day.")
    cash_cap_mode = fields.Selection(_MODES, "Cash Cap Is", required=True)
    cash_cap_mode_string = cash_cap_mode.translated('cash_cap_mode')
    cash_cap_from = fields.Date(
        "Cash Cap From", help="The day the cap applies from.")
    cash_cap_rule = fields.Char("Cash Cap Rule", translate=True)

    report_threshold = fields.Numeric(
        "Report From", digits=(16, 2),
        help="The cash of one customer in a period that must be reported.")
    report_mode = fields.Selection(_MODES, "Report When", required=True)
    report_period = fields.Selection([
            ('day', "Day"),
            ('month', "Month"),
            ], "Report Period", required=True)
    report_days = fields.Integer(
        "Report Within (days)",
        help="Days after the period the report is due.")
    report_rule = fields.Char("Report", translate=True)

    split_threshold = fields.Numeric(
        "Split Bill Alert From", digits=(16, 2),
        help="A warning when one customer's bills of a day reach this "
        "amount while each bill stays under it.")

    @classmethod
    def __register__(cls, module):
        # Migration: identity and anti-money-laundering were
        # gold_compliance's; registered first, this gives gold_aml their
        # records before any XML is read
        from . import party, sale
        move_records('gold_compliance', module, MOVED_XML_IDS, MOVED_MODELS,
            fields_of(Company, party.Party, sale.POSSale, sale.POSPayment))
        super().__register__(module)

    @classmethod
    def default_id_basis(cls):
        return 'bill'

    @classmethod
    def default_id_document(cls):
        return 'pan'

    @classmethod
    def default_cash_cap_mode(cls):
        return 'reach'

    @classmethod
    def default_report_mode(cls):
        return 'reach'

    @classmethod
    def default_report_period(cls):
        return 'day'

    def cash_cap_applies(self, date):
        return self.cash_cap is not None and (
            not self.cash_cap_from or date >= self.cash_cap_from)

    def _currency(self):
        Currency = Pool().get('currency.currency')
        currencies = Currency.search([('code', '=', self.currency_code)])
        if not currencies:
            raise AMLError(gettext(
                    'gold_aml.msg_aml_currency',
                    policy=self.rec_name, currency=self.currency_code))
        return currencies[0]

    def to_policy_currency(self, amount, currency, date):
        "amount of currency in the policy's currency at date"
        return self._convert(amount, currency, date, to_policy=True)

    def from_policy_currency(self, amount, currency, date):
        "amount in the policy's currency in currency at date"
        return self._convert(amount, currency, date, to_policy=False)

    def _convert(self, amount, currency, date, to_policy):
        if currency.code == self.currency_code:
            return amount
        source, target = currency, self._currency()
        if not to_policy:
            source, target = target, source
        with Transaction().set_context(date=date):
            return currency.compute(source, amount, target, round=False)


class Company(metaclass=PoolMeta):
    __name__ = 'company.company'

    gold_aml_policy = fields.Many2One(
        'gold.aml.policy', "Anti-Money-Laundering Policy",
        ondelete='RESTRICT',
        help="The cash and identification rules applied at the counter. "
        "A new company gets the pack of its currency, India's otherwise.")

    @classmethod
    def gold_default_policy(cls, currency):
        "The pack of currency (INR, USD, EUR), India's for another"
        Policy = Pool().get('gold.aml.policy')
        policies = Policy.search([('currency_code', '=', currency.code)],
            order=[('id', 'ASC')], limit=1)
        if policies:
            return policies[0]
        ModelData = Pool().get('ir.model.data')
        try:
            return Policy(
                ModelData.get_id('gold_aml', 'aml_policy_india'))
        except KeyError:
            return None

    @classmethod
    def preprocess_values(cls, mode, values):
        Currency = Pool().get('currency.currency')
        values = super().preprocess_values(mode, values)
        if (mode == 'create' and not values.get('gold_aml_policy')
                and values.get('currency')):
            policy = cls.gold_default_policy(Currency(values['currency']))
            values['gold_aml_policy'] = policy.id if policy else None
        return values

    @property
    def gold_aml_policy_used(self):
        "The company's policy, the default one while it has none set"
        if self.gold_aml_policy:
            return self.gold_aml_policy
        return self.gold_default_policy(self.currency)


def cash_by_bill(company=None):
    """The query of the cash each bill took in, as (bill, party, date,
    company, event, cash): net of the change given, bills cancelled left
    out"""
    pool = Pool()
    Sale = pool.get('sale.point.sale')
    Payment = pool.get('sale.point.payment')
    Method = pool.get('sale.point.payment.method')
    sale = Sale.__table__()
    payment = Payment.__table__()
    method = Method.__table__()
    where = (method.cash == Literal(True)) & (sale.state != 'cancelled')
    if company is not None:
        where &= sale.company == company
    return sale.join(payment, condition=payment.sale == sale.id
        ).join(method, condition=payment.method == method.id
        ).select(
            sale.id.as_('sale'), sale.party.as_('party'),
            sale.date.as_('date'), sale.company.as_('company'),
            sale.gold_event.as_('event'),
            Sum(payment.amount).as_('cash'),
            where=where,
            group_by=[sale.id, sale.party, sale.date, sale.company,
                sale.gold_event])


class CashRegister(ModelSQL, ModelView):
    __name__ = 'gold.aml.cash_register'
    __string__ = 'Reportable Cash'

    company = fields.Many2One('company.company', "Company")
    party = fields.Many2One('party.party', "Customer")
    period = fields.Date(
        "Period", help="The day, or the first day of the month, reported.")
    bills = fields.Integer("Bills")
    first_date = fields.Date("First Bill")
    currency = fields.Function(
        fields.Many2One('currency.currency', "Currency"), 'get_currency')
    cash = Monetary("Cash", currency='currency', digits='currency')
    report = fields.Function(fields.Char("Report"), 'get_policy')
    deadline = fields.Function(fields.Date("Due By"), 'get_policy')

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls._order = [
            ('period', 'DESC'), ('cash', 'DESC'), ('party', 'ASC'),
            ('id', 'DESC')]

    @classmethod
    def _policy(cls):
        Company = Pool().get('company.company')
        company = Transaction().context.get('company')
        if company is None:
            return None
        return Company(company).gold_aml_policy_used

    @classmethod
    def table_query(cls):
        pool = Pool()
        Company = pool.get('company.company')
        context = Transaction().context
        company = context.get('company')
        policy = cls._policy()
        query = cash_by_bill(company)
        period = query.date
        if policy and policy.report_period == 'month':
            # the field's cast reads the truncation as a date on both
            # backends, as Tryton's sale reporting does
            period = cls.period.sql_cast(DateTrunc('month', query.date))
        bill = query.select(
            query.sale, query.party, query.company, query.cash,
            query.date, period.as_('period'))
        where = Literal(True)
        if context.get('from_date'):
            where &= bill.period >= context['from_date']
        if context.get('to_date'):
            where &= bill.period <= context['to_date']
        total = Sum(bill.cash)
        having = Literal(policy is not None
            and policy.report_threshold is not None)
        if policy and policy.report_threshold is not None:
            threshold = policy.from_policy_currency(
                policy.report_threshold, Company(company).currency,
                dt.date.today())
            # SQLite binds a Decimal as a blob, which no number equals
            threshold = Cast(Literal(threshold), 'NUMERIC')
            if policy.report_mode == 'exceed':
                having &= total > threshold
            else:
                having &= total >= threshold
        return bill.select(
            Min(bill.sale).as_('id'),
            Literal(0).as_('create_uid'),
            CurrentTimestamp().as_('create_date'),
            Literal(None).as_('write_uid'),
            Literal(None).as_('write_date'),
            bill.company.as_('company'),
            bill.party.as_('party'),
            bill.period.as_('period'),
            Count(bill.sale).as_('bills'),
            Min(bill.date).as_('first_date'),
            total.as_('cash'),
            where=where,
            group_by=[bill.company, bill.party, bill.period],
            having=having)

    def get_currency(self, name):
        return self.company.currency.id if self.company else None

    @classmethod
    def get_policy(cls, records, names):
        policy = cls._policy()
        result = {n: {r.id: None for r in records} for n in names}
        if not policy:
            return result
        for record in records:
            if 'report' in names:
                result['report'][record.id] = policy.report_rule
            if 'deadline' in names and record.period:
                result['deadline'][record.id] = rules.report_deadline(
                    record.period, policy.report_period, policy.report_days)
        return result


class CashRegisterContext(ModelView):
    __name__ = 'gold.aml.cash_register.context'
    __string__ = 'Reportable Cash Context'

    company = fields.Many2One('company.company', "Company", required=True)
    from_date = fields.Date("From Date",
        domain=[If(Eval('to_date') & Eval('from_date'),
                ('from_date', '<=', Eval('to_date')), ())])
    to_date = fields.Date("To Date")

    @classmethod
    def default_company(cls):
        return Transaction().context.get('company')
