"""Anti-money-laundering rules at the till: identification from a
threshold (India: PAN or Form 60 for a bill of 2,00,000 or more), the cash
cap per bill and per customer and day (India s.269ST), and the split-bill
alert. The thresholds are the company's policy (aml.py); the arithmetic is
in rules.py."""
from decimal import Decimal

from trytond.i18n import gettext
from trytond.model import fields
from trytond.modules.gold_product.pricing import cents
from trytond.modules.gold_sale_point.sale import money
from trytond.pool import Pool, PoolMeta
from trytond.pyson import Eval
from trytond.transaction import Transaction

from . import rules
from .aml import cash_by_bill
from .exceptions import AMLError, AMLWarning


class POSSale(metaclass=PoolMeta):
    __name__ = 'sale.point.sale'

    gold_event = fields.Char(
        "Occasion",
        states={'readonly': Eval('state') != 'open'},
        help="The event the purchase is for (a wedding...): the cash cap "
        "also holds for all of the customer's bills of one occasion.")
    gold_form60 = fields.Boolean(
        "Form 60",
        states={'readonly': Eval('state') != 'open'},
        help="The customer has no PAN and signed a Form 60 declaration.")

    @classmethod
    def process(cls, sales):
        cls.gold_check_aml(sales)
        for sale in sales:
            sale.gold_check_split()
        super().process(sales)

    @property
    def gold_walk_in(self):
        "Whether the buyer is not named: the counter's walk-in customer"
        return not self.party or self.party == self.point.gold_walk_in_customer

    @property
    def gold_aml_policy(self):
        return self.company.gold_aml_policy_used

    def gold_cash(self):
        "The cash that pays the bill, change excluded"
        cash = other = Decimal(0)
        for payment in self.payments:
            if payment.method.cash:
                cash += payment.amount
            else:
                other += payment.amount
        return rules.cash_applied(
            self.total, self.gold_old_amount, other, cash)

    def gold_money(self, amount, policy=None):
        "An amount of the bill's currency, or of the policy's when given"
        return money(amount, policy._currency() if policy else self.currency)

    def gold_in_policy(self, amount):
        return self.gold_aml_policy.to_policy_currency(
            amount, self.currency, self.date)

    @classmethod
    def gold_check_aml(cls, sales):
        "Check the identification and the cash cap of the bills"
        for sale in sales:
            if not sale.gold_aml_policy:
                continue
            cash = sale.gold_cash()
            sale.gold_check_identification(cash)
            sale.gold_check_cash_cap(cash)

    def gold_check_identification(self, cash):
        policy = self.gold_aml_policy
        if policy.id_threshold is None:
            return
        basis = self.total if policy.id_basis == 'bill' else cash
        if not rules.reaches(self.gold_in_policy(basis), policy.id_threshold):
            return
        form60 = policy.id_document == 'pan' and self.gold_form60
        if self.gold_walk_in:
            identified = False
        elif policy.id_document == 'pan':
            identified = self.party.gold_has_pan or (
                form60 and self.gold_form60_address)
        else:
            identified = self.party.gold_has_id
        if not identified and form60:
            # the declaration is signed: say what it still lacks
            raise AMLError(gettext(
                    'gold_aml.msg_aml_form60_walk_in'
                    if self.gold_walk_in
                    else 'gold_aml.msg_aml_form60_address',
                    sale=self.rec_name,
                    party=self.party.rec_name if self.party else '',
                    amount=self.gold_money(basis),
                    rule=policy.id_rule or policy.name))
        if not identified:
            raise AMLError(gettext(
                    'gold_aml.msg_aml_identification',
                    sale=self.rec_name,
                    party=self.party.rec_name if self.party else '',
                    basis=policy.id_basis_string.lower(),
                    amount=self.gold_money(basis),
                    threshold=self.gold_money(
                        cents(policy.id_threshold), policy),
                    document=policy.id_document_string,
                    rule=policy.id_rule or policy.name))

    @property
    def gold_form60_address(self):
        "Whether the customer has the address a Form 60 declares"
        return any((a.street or '').strip() for a in self.party.addresses)

    def gold_check_cash_cap(self, cash):
        """Refuse cash that brings the bill, or the customer's day, to the
        cap; the customer is locked first, so that two counters billing
        them at once are checked one after the other"""
        pool = Pool()
        Party = pool.get('party.party')
        Date = pool.get('ir.date')
        policy = self.gold_aml_policy
        # the cash is received today, whatever the date of the bill
        with Transaction().set_context(company=self.company.id):
            received = max(self.date, Date.today())
        if cash <= 0 or not policy.cash_cap_applies(received):
            return

        def refuse(amount, scope):
            raise AMLError(gettext(
                    'gold_aml.msg_aml_cash_cap',
                    sale=self.rec_name,
                    party=self.party.rec_name if self.party else '',
                    cash=self.gold_money(cash),
                    amount=self.gold_money(amount), scope=scope,
                    threshold=self.gold_money(cents(policy.cash_cap), policy),
                    mode=policy.cash_cap_mode_string.lower(),
                    rule=policy.cash_cap_rule or policy.name))

        if rules.reaches(
                self.gold_in_policy(cash), policy.cash_cap,
                policy.cash_cap_mode):
            refuse(cash, gettext('gold_aml.msg_aml_scope_bill'))
        if self.gold_walk_in:
            return
        Party.lock([self.party])
        scopes = [('date', self.date, gettext(
                    'gold_aml.msg_aml_scope_day',
                    date=pool.get('ir.lang').get().strftime(self.date)))]
        if self.gold_event:
            scopes.append(('event', self.gold_event, gettext(
                        'gold_aml.msg_aml_scope_event',
                        event=self.gold_event)))
        for column, value, scope in scopes:
            amount = cash + self.gold_cash_received(column, value)
            if rules.reaches(
                    self.gold_in_policy(amount), policy.cash_cap,
                    policy.cash_cap_mode):
                refuse(amount, scope)

    def gold_cash_received(self, column, value):
        """The cash the customer paid on their other bills of the same date
        or event (column)"""
        cursor = Transaction().connection.cursor()
        bills = cash_by_bill(self.company.id)
        cursor.execute(*bills.select(
                bills.cash,
                where=(bills.party == self.party.id)
                & (getattr(bills, column) == value)
                & (bills.sale != self.id)))
        return sum((Decimal(str(c)) for c, in cursor if c), Decimal(0))

    def gold_check_split(self):
        """Warn when the customer's bills of the day reach the split-bill
        threshold while each of them stays under it"""
        pool = Pool()
        Warning = pool.get('res.user.warning')
        policy = self.gold_aml_policy
        if not policy or policy.split_threshold is None or self.gold_walk_in:
            return
        others = self.search([
                ('company', '=', self.company.id),
                ('party', '=', self.party.id),
                ('date', '=', self.date),
                ('state', 'not in', ['open', 'cancelled']),
                ('id', '!=', self.id),
                ])
        if not others:
            return
        totals = [self.gold_in_policy(s.total) for s in [self, *others]]
        threshold = policy.split_threshold
        if (sum(totals) >= threshold
                and not any(rules.reaches(t, threshold) for t in totals)):
            key = Warning.format('gold_split_bill', [self.party, self])
            if Warning.check(key):
                raise AMLWarning(key, gettext(
                        'gold_aml.msg_aml_split_bill',
                        party=self.party.rec_name,
                        date=Pool().get('ir.lang').get().strftime(self.date),
                        bills=len(totals),
                        total=self.gold_money(sum(totals), policy),
                        threshold=self.gold_money(cents(threshold), policy)))


class POSPayment(metaclass=PoolMeta):
    __name__ = 'sale.point.payment'

    @classmethod
    def validate_fields(cls, payments, field_names):
        pool = Pool()
        Sale = pool.get('sale.point.sale')
        super().validate_fields(payments, field_names)
        Sale.gold_check_aml(Sale.browse({p.sale.id for p in payments}))
