"""A purchase settled in fine metal, in money or a mix (with gold_purchase).

A gold purchase line may settle part or all of its fine weight in metal.
The supplier's invoice stays the whole value with GST on it, as the law
taxes the whole value; a line of the invoice takes the metal's value off
what is paid in money and carries it to the "fine gold owed" account; the
supplier's metal ledger is credited with the fine weight when the purchase
is processed. The shop clears it later by issuing metal (a metal
transfer)."""
from decimal import Decimal

from sql.aggregate import Sum
from sql.conditionals import Case, Coalesce

from trytond import backend
from trytond.i18n import gettext
from trytond.model import fields
from trytond.modules.currency.fields import Monetary
from trytond.modules.gold_product.pricing import PricingError, cents
from trytond.modules.gold_product.product import WEIGHT
from trytond.pool import Pool, PoolMeta
from trytond.pyson import Bool, Eval
from trytond.tools import grouped_slice
from trytond.transaction import Transaction, without_check_access

from .exceptions import MetalSettlementError


class Configuration(metaclass=PoolMeta):
    __name__ = 'purchase.configuration'

    gold_metal_owed_account = fields.Many2One(
        'account.account', "Fine Metal Owed Account",
        domain=[
            ('closed', '!=', True),
            ('company', '=', Eval('context', {}).get('company', -1)),
            ],
        help="The liability a purchase settled in fine metal moves the "
        "metal's value to, off the supplier's payable.")


class Purchase(metaclass=PoolMeta):
    __name__ = 'purchase.purchase'

    @classmethod
    def confirm(cls, purchases):
        cls.check_metal_owed_account(purchases)
        super().confirm(purchases)

    @classmethod
    def check_metal_owed_account(cls, purchases):
        "A purchase settled in metal needs the account of the metal owed"
        Configuration = Pool().get('purchase.configuration')
        for purchase in purchases:
            settles = any(
                l.gold_settle_fine for l in purchase.lines
                if l.type == 'line')
            if settles and not Configuration(1).gold_metal_owed_account:
                raise MetalSettlementError(gettext(
                        'gold_ledger.msg_no_metal_owed_account',
                        purchase=purchase.rec_name))

    @classmethod
    def process(cls, purchases):
        super().process(purchases)
        cls.post_metal_settlements(purchases)

    @classmethod
    def post_metal_settlements(cls, purchases):
        """Credit each supplier's metal ledger, once, with the fine metal
        its processed purchase settles in metal"""
        pool = Pool()
        Line = pool.get('gold.ledger.line')
        purchases = [
            p for p in purchases if p.state in {'processing', 'done'}]
        if not purchases:
            return
        posted = {l.origin for l in Line.search([
                    ('origin', 'in', [str(p) for p in purchases]),
                    ])}
        values = []
        for purchase in purchases:
            if purchase in posted:
                continue
            values.extend(purchase.get_metal_ledger_lines())
        if values:
            Line.post(values)

    def get_metal_ledger_lines(self):
        "Return the values of the ledger lines of the metal settled"
        fine = {}
        for line in self.lines:
            if line.type == 'line' and line.gold_settle_fine:
                metal = line.gold_purity.metal
                fine[metal] = fine.get(metal, 0) + line.gold_settle_fine
        return [{
                'company': self.company.id,
                'party': self.party.id,
                'metal': metal.id,
                'date': self.purchase_date,
                'description': gettext(
                    'gold_ledger.msg_purchase_settled',
                    purchase=self.rec_name),
                'origin': str(self),
                # received from the supplier: the shop owes the metal
                'fine_weight': -weight,
                } for metal, weight in fine.items()]


class PurchaseLine(metaclass=PoolMeta):
    __name__ = 'purchase.line'

    gold_settle_fine = fields.Numeric(
        "Fine Metal Settled", digits=WEIGHT,
        states={
            'invisible': ~Bool(Eval('gold_purity')),
            'readonly': Eval('purchase_state') != 'draft',
            },
        help="Grams of fine metal of the line paid in metal instead of "
        "money; at most the line's fine weight.")
    gold_settle_value = fields.Function(fields.Numeric(
            "Value Settled in Metal", digits=(16, 2),
            states={'invisible': ~Eval('gold_settle_fine')}),
        'on_change_with_gold_settle_value')

    @fields.depends('gold_settle_fine', 'gold_rate', 'gold_purity')
    def on_change_with_gold_settle_value(self, name=None):
        """The money value of the fine metal settled: at the line's rate of
        its purity, per gram of fine metal"""
        if (self.gold_settle_fine and self.gold_rate is not None
                and self.gold_purity):
            return cents(
                self.gold_settle_fine * self.gold_rate
                / self.gold_purity.factor)

    @classmethod
    def validate_fields(cls, lines, field_names):
        super().validate_fields(lines, field_names)
        if field_names & {
                'gold_settle_fine', 'gold_purity', 'gold_gross_weight',
                'gold_stone_weight', 'quantity', 'product'}:
            cls.check_metal_settlement(lines)

    @classmethod
    def check_metal_settlement(cls, lines):
        "What is settled in metal is at most the line's fine weight"
        for line in lines:
            settle = line.gold_settle_fine
            if not settle:
                continue
            try:
                fine = line.on_change_with_gold_fine_weight()
            except PricingError:
                fine = None
            if settle < 0 or fine is None or settle > fine:
                raise MetalSettlementError(gettext(
                        'gold_ledger.msg_settle_above_fine',
                        line=line.gold_name, settle=settle,
                        fine=fine if fine is not None else Decimal(0)))

    def get_invoice_line(self):
        """The first invoice of a line settled in metal takes the metal's
        value off what the supplier is paid in money"""
        lines = super().get_invoice_line()
        if lines and self.gold_settle_fine and not self.invoice_lines:
            lines.append(self.get_metal_settlement_invoice_line())
        return lines

    def get_metal_settlement_invoice_line(self):
        pool = Pool()
        Configuration = pool.get('purchase.configuration')
        InvoiceLine = pool.get('account.invoice.line')
        self.purchase.check_metal_owed_account([self.purchase])
        account = Configuration(1).gold_metal_owed_account
        line = InvoiceLine(
            type='line', invoice_type='in', company=self.company,
            currency=self.currency, account=account, quantity=1,
            unit_price=-self.on_change_with_gold_settle_value(),
            taxes=[])
        line.description = gettext(
            'gold_ledger.msg_settlement_invoice_line',
            fine=self.gold_settle_fine, purity=self.gold_purity.rec_name,
            line=self.gold_name)
        return line

    @classmethod
    def copy(cls, lines, default=None):
        default = default.copy() if default is not None else {}
        # a return to the supplier settles nothing in metal by itself
        default.setdefault('gold_settle_fine')
        return super().copy(lines, default=default)


class LedgerLine(metaclass=PoolMeta):
    __name__ = 'gold.ledger.line'

    @classmethod
    def _get_origins(cls):
        return super()._get_origins() + ['purchase.purchase']


class Party(metaclass=PoolMeta):
    """A supplier's figures: purchases and returns to it, what the shop
    owes it in money (Tryton's payable) and in fine gold"""
    __name__ = 'party.party'

    gold_supplier = fields.Function(fields.Boolean(
            "Supplier"), 'get_gold_supplier', searcher='search_gold_supplier')
    gold_city = fields.Function(fields.Char("City"), 'get_gold_city')
    gold_contact = fields.Function(fields.Char(
            "Contact Person"), 'get_gold_contact')
    gold_purchased = fields.Function(fields.Numeric(
            "Purchased", digits=(16, 2),
            help="The untaxed amount of the confirmed purchases, in the "
            "company's currency."),
        'get_gold_purchases')
    gold_returned = fields.Function(fields.Numeric(
            "Returned", digits=(16, 2),
            help="The untaxed amount of the confirmed returns to the "
            "supplier, in the company's currency."),
        'get_gold_purchases')

    @classmethod
    def get_gold_purchases(cls, parties, names):
        """Both sums of each supplier, in the company's currency, from
        Tryton's purchase reporting (all dates, all warehouses)"""
        pool = Pool()
        Company = pool.get('company.company')
        Reporting = pool.get('purchase.reporting.supplier')
        result = {n: {p.id: Decimal(0) for p in parties} for n in names}
        company_id = Transaction().context.get('company')
        if company_id is None or company_id < 0:
            return result
        company = Company(company_id)
        ids = [p.id for p in parties]
        with Transaction().set_context(
                company=company.id, from_date=None, to_date=None,
                warehouse=None), without_check_access():
            for sub in grouped_slice(ids, backend.MAX_QUERY_PARAMS):
                for row in Reporting.search([
                            ('supplier', 'in', list(sub)),
                            ('currency', '=', company.currency.id),
                            ]):
                    # SQLite reads the sums as floats
                    expense, returned = (cents(Decimal(str(v or 0)))
                        for v in [row.expense, row.gold_returned])
                    values = {
                        'gold_purchased': expense + returned,
                        'gold_returned': returned,
                        }
                    for name in names:
                        result[name][row.supplier.id] = values[name]
        return result

    @classmethod
    def get_gold_supplier(cls, parties, name):
        Purchase = Pool().get('purchase.purchase')
        purchase = Purchase.__table__()
        cursor = Transaction().connection.cursor()
        suppliers = set()
        ids = [p.id for p in parties]
        for sub in grouped_slice(ids, backend.MAX_QUERY_PARAMS):
            cursor.execute(*purchase.select(
                    purchase.party, where=purchase.party.in_(list(sub)),
                    group_by=[purchase.party]))
            suppliers.update(p for p, in cursor)
        return {p.id: p.id in suppliers for p in parties}

    @classmethod
    def search_gold_supplier(cls, name, clause):
        Purchase = Pool().get('purchase.purchase')
        purchase = Purchase.__table__()
        _, operator, value = clause
        suppliers = purchase.select(purchase.party)
        if (operator == '=') == bool(value):
            return [('id', 'in', suppliers)]
        return [('id', 'not in', suppliers)]

    def get_gold_city(self, name):
        for address in self.addresses:
            if address.city:
                return address.city

    def get_gold_contact(self, name):
        "The name given with the party's phone, as Tryton keeps it"
        for mechanism in self.contact_mechanisms:
            if mechanism.type in {'phone', 'mobile'} and mechanism.name:
                return mechanism.name


class PurchaseReportingSupplier(metaclass=PoolMeta):
    """Tryton's purchases by supplier, with the returns apart: its expense
    is the purchases less the returns"""
    __name__ = 'purchase.reporting.supplier'

    gold_returned = Monetary(
        "Returned", digits='currency', currency='currency',
        help="The untaxed amount of the returns (lines of negative "
        "quantity).")

    @classmethod
    def _columns(cls, tables):
        line = tables['line']
        quantity = Coalesce(line.actual_quantity, line.quantity)
        returned = cls.gold_returned.sql_cast(Sum(Case(
                    (quantity < 0, -quantity * line.unit_price), else_=0)))
        return super()._columns(tables) + [returned.as_('gold_returned')]
