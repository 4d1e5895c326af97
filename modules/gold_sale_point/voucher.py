"""Credit vouchers: issued when the shop pays a customer with a voucher
(a refund or the surplus of old gold), spent later as a payment up to their
balance."""
from decimal import Decimal

from trytond.i18n import gettext
from trytond.model import ModelSQL, ModelView, Unique, fields
from trytond.modules.currency.fields import Monetary
from trytond.pool import Pool, PoolMeta
from trytond.pyson import Eval
from trytond.transaction import Transaction, without_check_access

from .exceptions import VoucherError
from .sale import money, written_with


class Voucher(ModelSQL, ModelView):
    __name__ = 'sale.point.voucher'
    __string__ = 'Credit Voucher'

    number = fields.Char("Number", required=True, readonly=True)
    company = fields.Many2One(
        'company.company', "Company", required=True, readonly=True)
    party = fields.Many2One(
        'party.party', "Customer", readonly=True,
        context={'company': Eval('company', -1)}, depends={'company'})
    date = fields.Date("Date", required=True, readonly=True)
    amount = Monetary(
        "Amount", currency='currency', digits='currency', required=True,
        readonly=True)
    origin = fields.Many2One(
        'sale.point.payment', "Issued By", readonly=True,
        ondelete='CASCADE',
        help="The payment of the bill that issued the voucher.")
    redemptions = fields.One2Many(
        'sale.point.payment', 'gold_voucher', "Redemptions", readonly=True,
        filter=[('amount', '>', 0)])
    balance = fields.Function(Monetary(
            "Balance", currency='currency', digits='currency'),
        'get_balance')
    currency = fields.Function(fields.Many2One(
            'currency.currency', "Currency"), 'on_change_with_currency')

    @classmethod
    def __setup__(cls):
        super().__setup__()
        t = cls.__table__()
        cls._sql_constraints += [
            ('number_unique', Unique(t, t.company, t.number),
                'gold_sale_point.msg_voucher_number_unique'),
            ]
        cls._order.insert(0, ('date', 'DESC'))

    @fields.depends('company')
    def on_change_with_currency(self, name=None):
        return self.company.currency if self.company else None

    def get_balance(self, name):
        return self.amount - sum(
            (p.amount for p in self.redemptions), Decimal(0))

    @classmethod
    def by_number(cls, company, number):
        "Return the voucher of company with number, locked, or raise"
        vouchers = cls.search([
                ('company', '=', company.id),
                ('number', '=', number),
                ], limit=1)
        if not vouchers:
            raise VoucherError(gettext(
                    'gold_sale_point.msg_voucher_unknown', voucher=number))
        voucher, = vouchers
        # two counters spending the same voucher at once: one waits
        cls.lock([voucher])
        return voucher


class POSPayment(metaclass=PoolMeta):
    __name__ = 'sale.point.payment'

    gold_voucher = fields.Many2One(
        'sale.point.voucher', "Voucher", readonly=True, ondelete='RESTRICT',
        states={'invisible': ~Eval('gold_voucher')},
        help="The credit voucher the payment spends or issues.")

    @classmethod
    def create(cls, vlist):
        payments = super().create(vlist)
        cls.apply_vouchers(payments)
        return payments

    @classmethod
    def write(cls, *args):
        super().write(*args)
        cls.apply_vouchers(cls.browse(written_with(
                    args, {'amount', 'method', 'gold_reference'})))

    @classmethod
    def apply_vouchers(cls, payments):
        """A voucher payment into the till spends the voucher of its
        reference within its balance; one paid out issues a voucher"""
        to_write = []
        for payment in payments:
            with without_check_access():
                voucher = payment.apply_voucher()
            if payment.gold_voucher != voucher:
                to_write.extend(([payment], {
                            'gold_voucher': voucher.id if voucher else None,
                            }))
        if to_write:
            super().write(*to_write)

    def apply_voucher(self):
        "Spend or issue the voucher of the payment and return it"
        pool = Pool()
        Date = pool.get('ir.date')
        Voucher = pool.get('sale.point.voucher')
        if self.method.gold_kind != 'voucher':
            return None
        company = self.sale.company
        if self.amount >= 0:
            voucher = Voucher.by_number(company, self.gold_reference)
            spent = sum(
                (p.amount for p in voucher.redemptions if p != self),
                Decimal(0))
            balance = voucher.amount - spent
            if self.amount > balance:
                raise VoucherError(gettext(
                        'gold_sale_point.msg_voucher_balance',
                        voucher=voucher.number,
                        balance=money(balance, voucher.currency),
                        amount=money(self.amount, voucher.currency)))
            return voucher
        if self.gold_voucher and self.gold_voucher.origin == self:
            voucher = self.gold_voucher
        else:
            with Transaction().set_context(company=company.id):
                today = Date.today()
            voucher = Voucher(
                company=company, party=self.sale.party, date=today,
                origin=self)
        voucher.number = self.gold_reference
        voucher.amount = -self.amount
        voucher.save()
        return voucher
