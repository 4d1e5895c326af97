"""The counter bill: tagged pieces, gold by weight and goods, priced by the
pricing core at the board entry of the moment they are entered and never
repriced; making discounts within role caps; old gold as payment; split
payments; taxes posted as printed; invoice series per financial year."""
import datetime as dt
import re
import uuid
from collections import defaultdict
from decimal import Decimal

from sql import Null
from sql.operators import Exists

from trytond import backend
from trytond.exceptions import UserError, UserWarning
from trytond.i18n import gettext
from trytond.model import ModelSQL, ModelView, Unique, fields
from trytond.modules.account.exceptions import FiscalYearNotFoundError
from trytond.modules.currency.fields import Monetary
from trytond.modules.gold_product.pricing import HALLMARK_MODES, grams
from trytond.modules.gold_product.product import (
    MONEY, WEIGHT, price_with, quote_product)
from trytond.modules.product import round_price
from trytond.pool import Pool, PoolMeta
from trytond.pyson import Bool, Eval, Id
from trytond.tools import grouped_slice
from trytond.tools import timezone as tz
from trytond.transaction import Transaction

from .exceptions import (
    BillClosedError, BillDateError, DiscountError, OldGoldSetupError,
    PaymentError, PieceUnavailableError, PriceChangedError,
    RateChangedWarning, RecipientError, ScanError,
    SequenceError, SupplyError)

_piece = {'invisible': ~Bool(Eval('gold_rate')), 'readonly': True}


def check_bills_open(sales, values=None, allowed=()):
    """A bill that is no longer open (paid, posted, cancelled) is not
    changed from outside, nor is anything on it: only its workflow writes
    the allowed fields"""
    if values is not None and not (set(values) - set(allowed)):
        return
    for sale in sales:
        if sale.state != 'open':
            raise BillClosedError(gettext(
                    'gold_sale_point.msg_bill_closed', sale=sale.rec_name,
                    state=sale.state))


def written_with(args, names):
    """The records of a write's (records, values, ...) args whose values
    set any of names"""
    actions = iter(args)
    return [r for records, values in zip(actions, actions)
        if values.keys() & names for r in records]


def written_changes(record, values, ignored=()):
    """The names of values (of a write on record) that differ from what
    record holds: a client saving a form it reloaded may send again what
    the record holds, which changes nothing"""
    changed = set()
    for name, value in values.items():
        if name in ignored:
            continue
        field = record._fields.get(name)
        if field is None or field._type in {'many2many', 'binary', 'dict'}:
            changed.add(name)
            continue
        if field._type == 'one2many':
            if not one2many_unchanged(record, name, value):
                changed.add(name)
            continue
        current = getattr(record, name)
        if field._type == 'many2one':
            current = current.id if current else None
        elif field._type == 'reference':
            current = str(current) if current else None
        elif field._type in {'char', 'text', 'selection'}:
            current, value = current or None, value or None
        if current != value:
            changed.add(name)
    return changed


def one2many_unchanged(record, name, actions):
    "Whether the actions on the One2Many name only write what it holds"
    children = {c.id: c for c in getattr(record, name)}
    for action in actions or []:
        if action[0] != 'write':
            return False
        for i in range(1, len(action), 2):
            for id_ in action[i]:
                child = children.get(id_)
                if child is None or written_changes(child, action[i + 1]):
                    return False
    return True


class BillPart:
    "What belongs to a bill changes only while the bill is open"
    __slots__ = ()
    # the fields the bill's workflow writes on a closed bill
    _bill_workflow_fields = ()

    @classmethod
    def check_modification(cls, mode, records, values=None, external=False):
        super().check_modification(
            mode, records, values=values, external=external)
        if external:
            if values is not None:
                records = [r for r in records if written_changes(
                        r, values, cls._bill_workflow_fields)]
            check_bills_open(
                {r.sale for r in records}, values,
                cls._bill_workflow_fields)


# Line field -> attribute of the pricing core's PriceBreakdown
BREAKDOWN_FIELDS = {
    'gold_net_weight': 'net_weight',
    'gold_metal_value': 'metal_value',
    'gold_making': 'making',
    'gold_wastage': 'wastage',
    'gold_stones': 'stones',
    'gold_hallmark': 'hallmark',
    'gold_discount_amount': 'discount',
    'gold_taxable': 'taxable',
    'gold_total': 'total',
    'gold_round_off': 'rounding_adjustment',
    'gold_hallmark_mode': 'hallmark_mode',
    }
# What a line keeps of its gold price
GOLD_FIELDS = (
    'gold_rate_used', 'gold_rate', 'gold_priced_at', 'gold_gross_weight',
    'gold_stone_weight', *BREAKDOWN_FIELDS)


class POS(metaclass=PoolMeta):
    __name__ = 'sale.point'

    gold_round_off_account = fields.Many2One(
        'account.account', "Round-off Account",
        domain=[
            ('type', '!=', None),
            ('closed', '!=', True),
            ('company', '=', Eval('company', -1)),
            ],
        help="Where the difference between a bill's rounded total and its "
        "taxes is posted.")
    gold_hallmark_account = fields.Many2One(
        'account.account', "Hallmark Fee Account",
        domain=[
            ('type', '!=', None),
            ('closed', '!=', True),
            ('company', '=', Eval('company', -1)),
            ],
        help="Where hallmarking charges collected outside GST for the "
        "hallmarking centre are owed.")
    gold_walk_in_customer = fields.Many2One(
        'party.party', "Walk-in Customer",
        help="The customer of a bill when the buyer is not named.")
    gold_old_location = fields.Many2One(
        'stock.location', "Old Gold Location",
        domain=[('type', '=', 'storage')],
        help="Where old gold taken at the counter is stocked.")
    gold_old_account = fields.Many2One(
        'account.account', "Old Gold Account",
        domain=[
            ('type', '!=', None),
            ('closed', '!=', True),
            ('company', '=', Eval('company', -1)),
            ],
        help="The stock account old gold taken at the counter is debited to.")
    gold_discount_reason_above = fields.Numeric(
        "Discount Reason Above %", digits=(5, 2),
        help="A making discount above this percentage needs a reason.")
    gold_interstate_tax_rule = fields.Many2One(
        'account.tax.rule', "Inter-state Tax Rule",
        domain=[
            ('company', '=', Eval('company', -1)),
            ('kind', 'in', ['sale', 'both']),
            ],
        help="Applied to the taxes of a bill supplied in another state than "
        "the shop's: CGST + SGST become IGST.")
    gold_sequences = fields.One2Many(
        'sale.point.fiscal_sequence', 'point', "Document Sequences",
        help="Strict number series per financial year for tax invoices, "
        "credit notes and old gold purchase vouchers; when set, every bill "
        "is numbered from the series of its year and kind (a kind without "
        "its own from the tax invoices').")
    gold_post_paid = fields.Boolean(
        "Post When Paid",
        help="Post each bill through the queue once it is paid: the "
        "cashier does not wait for its stock moves and accounting. A bill "
        "that cannot be posted stays paid with the reason in its Posting "
        "Error, and is posted again by the scheduled action.")

    gold_rate_changed = fields.Selection([
            ('keep', "Keep the Priced Rate"),
            ('reprice', "Reprice at the Current Rate"),
            ], "When the Rate Changes", required=True,
        help="A bill priced at a board rate no longer in force when it is "
        "paid: keep the rate its lines were priced at (the customer's "
        "quote), or price them again at the current rate. Either way the "
        "cashier is told before the payment.")

    gold_recipient_threshold = fields.Numeric(
        "Customer Details From", digits=(16, 2),
        domain=['OR',
            ('gold_recipient_threshold', '=', None),
            ('gold_recipient_threshold', '>', 0),
            ],
        help="A bill of this taxable value or more to an unregistered "
        "customer (no GSTIN) names them with their address and state "
        "before it is paid or posted (CGST rule 46(e): 50,000). Empty: not "
        "checked.")

    @classmethod
    def default_gold_recipient_threshold(cls):
        return Decimal(50000)

    @classmethod
    def default_gold_post_paid(cls):
        return False

    @classmethod
    def default_gold_rate_changed(cls):
        return 'keep'


def money(amount, currency):
    "An amount as the cashier reads it, in the user's language: ₹2,00,000.00"
    return Pool().get('ir.lang').get().currency(
        amount, currency, grouping=True)


def set_balance(line, balance):
    "Set the debit or the credit of a move line from its signed balance"
    line.debit = max(balance, Decimal(0))
    line.credit = max(-balance, Decimal(0))


def percent(value):
    "Print a percentage as the counter shows it, with 2 decimals"
    return '%.2f' % value


def shop_state(point, company):
    "The state (subdivision) of the counter's shop"
    address = point.address if point else None
    if company:
        return company.gold_state(address)
    return address.subdivision if address else None


class Cron(metaclass=PoolMeta):
    __name__ = 'ir.cron'

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls.method.selection.append(
            ('sale.point.sale|gold_post_unposted', "Post Paid Bills"))


# A GST invoice, credit note or voucher number has at most 16 characters
# (CGST rule 46(b))
NUMBER_SIZE = 16
DOCUMENT_KINDS = [
    ('invoice', "Tax Invoices"),
    ('credit_note', "Credit Notes"),
    ('voucher', "Old Gold Purchase Vouchers"),
    ]


class POSFiscalSequence(ModelSQL, ModelView):
    "Counter Document Sequence per Financial Year"
    __name__ = 'sale.point.fiscal_sequence'
    __string__ = "Counter Document Sequence"

    point = fields.Many2One(
        'sale.point', "Counter", required=True, ondelete='CASCADE')
    fiscalyear = fields.Many2One(
        'account.fiscalyear', "Financial Year", required=True,
        ondelete='RESTRICT')
    kind = fields.Selection(
        DOCUMENT_KINDS, "Documents", required=True,
        help="The bills it numbers: tax invoices; credit notes (returns);"
        " old gold purchase vouchers (buy-backs). A kind without its own "
        "series is numbered from the tax invoices' series.")
    sequence = fields.Many2One(
        'ir.sequence.strict', "Sequence", required=True,
        domain=[
            ('sequence_type', '=', Id('sale_point', 'sequence_type_sale')),
            ])

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls.__access__.add('point')
        t = cls.__table__()
        cls._sql_constraints += [
            ('fiscalyear_kind_unique',
                Unique(t, t.point, t.fiscalyear, t.kind),
                'gold_sale_point.msg_fiscal_sequence_unique'),
            ]

    @classmethod
    def __register__(cls, module):
        table_h = cls.__table_handler__(module)
        kind_exists = table_h.column_exist('kind')
        super().__register__(module)
        table_h = cls.__table_handler__(module)
        # one series per financial year was for every document
        table_h.drop_constraint('fiscalyear_unique')
        if not kind_exists:
            table = cls.__table__()
            cursor = Transaction().connection.cursor()
            cursor.execute(*table.update([table.kind], ['invoice']))

    @classmethod
    def default_kind(cls):
        return 'invoice'

    @classmethod
    def validate_fields(cls, lines, field_names):
        super().validate_fields(lines, field_names)
        if field_names & {'sequence', 'fiscalyear'}:
            for line in lines:
                line.check_number_size()

    def check_number_size(self):
        "The series' numbers of the year fit in a GST document number"
        Sequence = Pool().get('ir.sequence.strict')
        sequence = self.sequence
        date = self.fiscalyear.end_date
        check_number_size(sequence,
            Sequence._process(sequence.prefix, date=date)
            + sequence._get_preview_sequence()
            + Sequence._process(sequence.suffix, date=date))


def check_number_size(sequence, number):
    "Refuse a number of sequence longer than a GST document number"
    if len(number) > NUMBER_SIZE:
        raise SequenceError(gettext(
                'gold_sale_point.msg_number_size',
                sequence=sequence.rec_name, number=number,
                size=len(number), limit=NUMBER_SIZE))


class POSSale(metaclass=PoolMeta):
    __name__ = 'sale.point.sale'
    # the workflow moves a closed bill on and posts it; Scan stores nothing
    _bill_workflow_fields = ('state', 'move', 'gold_scan')

    @classmethod
    def check_modification(cls, mode, sales, values=None, external=False):
        super().check_modification(
            mode, sales, values=values, external=external)
        if external and mode == 'write':
            # a client saving a form it reloaded may send again what the
            # bill holds: that changes nothing, and is not refused
            check_bills_open(
                [s for s in sales if written_changes(
                        s, values, cls._bill_workflow_fields)],
                values, cls._bill_workflow_fields)
        if external and mode == 'create':
            cls.check_date_today(sales)
        elif external and mode == 'write' and 'date' in values:
            # checked before the write: the date is the one to be written
            cls.check_date_today(sales, values['date'])

    gold_draft = fields.Function(fields.Char(
            "Draft",
            states={'invisible': Bool(Eval('number'))},
            help="The bill's reference until it is paid and numbered: the "
            "counter and a draft number, by which it is found."),
        'get_gold_draft')

    @classmethod
    def __register__(cls, module):
        super().__register__(module)
        cls.gold_repair_dates()

    def get_gold_draft(self, name):
        if not self.number and self.id is not None and self.id >= 0:
            return gettext('gold_sale_point.msg_bill_draft',
                id=self.id, point=self.point.rec_name if self.point else '')

    def get_rec_name(self, name):
        """A bill is named by its number; an open one by its draft reference,
        a new one as new"""
        if self.number:
            return self.number
        if self.id is None or self.id < 0:
            return gettext('gold_sale_point.msg_bill_new')
        return self.get_gold_draft(name)

    @classmethod
    def search_rec_name(cls, name, clause):
        "A draft reference finds its bill: \"Draft 12\" or \"12\""
        _, operator, value = clause[:3]
        domain = [('number', operator, value)]
        if isinstance(value, str):
            match = re.match(
                r'^(?:%s)?\s*(\d+)\b' % re.escape(
                    gettext('gold_sale_point.msg_bill_draft_word')),
                value.strip('%').strip(), re.IGNORECASE)
            if match and not operator.startswith('not'):
                domain = ['OR', domain, [
                        ('id', '=', int(match.group(1))),
                        ('number', '=', None)]]
        return domain

    @classmethod
    def gold_repair_dates(cls):
        """Date the open and paid bills dated in no fiscal year of their
        company (a tag scanned into the date field made year 1) the day they
        were made, in the company's time zone"""
        pool = Pool()
        Company = pool.get('company.company')
        FiscalYear = pool.get('account.fiscalyear')
        cursor = Transaction().connection.cursor()
        sale, year = cls.__table__(), FiscalYear.__table__()
        company = Company.__table__()
        cursor.execute(*sale.join(company,
                condition=sale.company == company.id
                ).select(sale.id, sale.create_date, company.timezone,
                where=sale.state.in_(['open', 'done'])
                & ~Exists(year.select(year.id,
                        where=(year.company == sale.company)
                        & (year.start_date <= sale.date)
                        & (year.end_date >= sale.date)))))
        for id_, created, timezone in cursor.fetchall():
            if isinstance(created, str):
                created = dt.datetime.fromisoformat(created)
            created = created.replace(tzinfo=tz.UTC)
            if timezone:
                created = created.astimezone(tz.get_tzinfo(timezone))
            cursor.execute(*sale.update(
                    [sale.date], [created.date()], where=sale.id == id_))

    @classmethod
    def gold_may_date(cls):
        "Whether the user may date a bill other than today"
        pool = Pool()
        User = pool.get('res.user')
        ModelData = pool.get('ir.model.data')
        return ModelData.get_id('sale_point', 'group_sale_point_posting') in (
            User.get_groups())

    @classmethod
    def check_date_today(cls, sales, date=None):
        """Counter staff bill today, in the company's time zone: date is the
        one the bills get, their own by default"""
        pool = Pool()
        Date = pool.get('ir.date')
        Lang = pool.get('ir.lang')
        if cls.gold_may_date():
            return
        for sale in sales:
            if sale.state != 'open':
                continue
            with Transaction().set_context(company=sale.company.id):
                today = Date.today()
            date_ = date or sale.date
            if date_ != today:
                lang = Lang.get()
                raise BillDateError(gettext(
                        'gold_sale_point.msg_bill_date_today',
                        sale=sale.rec_name, date=lang.strftime(date_),
                        today=lang.strftime(today)))

    def check_date_fiscalyear(self):
        "An open bill is dated within an open fiscal year of its company"
        pool = Pool()
        FiscalYear = pool.get('account.fiscalyear')
        Lang = pool.get('ir.lang')
        if self.state != 'open' or not self.date or not self.company:
            return
        try:
            FiscalYear.find(self.company, date=self.date)
        except FiscalYearNotFoundError:
            raise BillDateError(gettext(
                    'gold_sale_point.msg_bill_date_fiscalyear',
                    sale=self.get_rec_name(None),
                    date=Lang.get().strftime(self.date),
                    company=self.company.rec_name))

    @classmethod
    def validate_fields(cls, sales, field_names):
        super().validate_fields(sales, field_names)
        if field_names & {'date', 'company'}:
            for sale in sales:
                sale.check_date_fiscalyear()

    @fields.depends('date', 'company', 'state', 'number', 'point')
    def on_change_date(self):
        "A date outside the open fiscal years is refused when it is typed"
        if hasattr(super(), 'on_change_date'):
            super().on_change_date()
        self.check_date_fiscalyear()

    gold_post_error = fields.Text(
        "Posting Error", readonly=True,
        states={'invisible': ~Eval('gold_post_error')},
        help="Why the bill, paid, could not be posted when its counter "
        "posted it: correct the cause, then post it.")

    party = fields.Many2One(
        'party.party', "Customer",
        states={'readonly': Eval('state') != 'open'},
        context={'company': Eval('company', -1)}, depends={'company'},
        help="The buyer; the counter's walk-in customer when not named.")
    gold_old_lines = fields.One2Many(
        'sale.point.sale.old_gold', 'sale', "Old Gold",
        states={'readonly': Eval('state') != 'open'},
        help="Old gold taken in exchange, or bought back on its own.")
    gold_old_amount = fields.Function(Monetary(
            "Old Gold", currency='currency', digits='currency'),
        'get_gold_old_amount')
    gold_place_of_supply = fields.Many2One(
        'country.subdivision', "Place of Supply",
        states={'readonly': Eval('state') != 'open'},
        help="The state the goods are supplied in: the shop's over the "
        "counter; another state's when they are shipped there (IGST).")
    gold_scan = fields.Function(fields.Char(
            "Scan",
            states={'invisible': Eval('state') != 'open'},
            help="Scan a tag, barcode or HUID, or the barcode of an item: "
            "the priced line is added to the bill."),
        'get_gold_scan', setter='set_gold_scan')
    gold_scan_message = fields.Function(fields.Char(
            "Refused",
            states={'invisible': ~Eval('gold_scan_message')},
            help="Why the last code scanned was refused. The scan field is "
            "empty again for the next code."),
        'get_gold_scan')

    @classmethod
    def __setup__(cls):
        super().__setup__()
        # counter staff bill today: only who posts dates a bill otherwise
        cls.date.states = cls.date.states.copy()
        cls.date.states['readonly'] = (cls.date.states.get('readonly', False)
            | ~Id('sale_point', 'group_sale_point_posting').in_(
                Eval('context', {}).get('groups', [])))
        # a buy-back voucher has old gold and no line
        cls._buttons['process']['readonly'] = (
            Bool(Eval('amount_to_pay', 0))
            | (~Eval('lines', [-1]) & ~Eval('gold_old_lines', [-1])))
        cls._buttons['process']['depends'] = [
            'state', 'amount_to_pay', 'lines', 'gold_old_lines']
        # Tryton gives a method depending on a field computed by an
        # on_change_with getter that getter's depends too; depending on the
        # total, on_change_gold_old_lines takes it as the form has it, not
        # the lines it is computed from
        cls.total.getter = 'get_total'

    @classmethod
    def default_point(cls):
        "The shop's counter when it has only one"
        pool = Pool()
        POS = pool.get('sale.point')
        company = Transaction().context.get('company')
        points = POS.search([('company', '=', company)], limit=2)
        if len(points) == 1:
            return points[0].id

    @classmethod
    def default_gold_place_of_supply(cls):
        pool = Pool()
        POS = pool.get('sale.point')
        Company = pool.get('company.company')
        point = cls.default_point()
        company = Transaction().context.get('company')
        state = shop_state(
            POS(point) if point is not None else None,
            Company(company) if company is not None else None)
        return state.id if state else None

    @property
    def gold_interstate(self):
        "Whether the bill is supplied in another state than the shop's"
        # a form sends the place with the fields that depend on it
        place = getattr(self, 'gold_place_of_supply', None)
        if not place:
            return False
        state = shop_state(self.point, self.company)
        return bool(state and place != state)

    def gold_supply_taxes(self, taxes):
        "Return the taxes of a supply at the bill's place of supply"
        pool = Pool()
        Tax = pool.get('account.tax')
        if not self.gold_interstate:
            return taxes
        rule = self.point.gold_interstate_tax_rule
        if not rule:
            raise SupplyError(gettext(
                    'gold_sale_point.msg_interstate_tax_rule',
                    point=self.point.rec_name,
                    place=self.gold_place_of_supply.rec_name))
        ids = []
        for tax in taxes:
            ids.extend(rule.apply(tax, {}) or [])
        return Tax.browse(ids)

    @fields.depends('gold_place_of_supply', 'lines', 'point', 'company',
        methods=['set_amounts'])
    def on_change_gold_place_of_supply(self):
        "The lines are taxed afresh at the new place of supply"
        for line in self.lines or []:
            line.sale = self
            line.gold_retax()
        self.lines = self.lines
        self.set_amounts()

    @classmethod
    def default_party(cls):
        pool = Pool()
        POS = pool.get('sale.point')
        point = cls.default_point()
        if point is not None and POS(point).gold_walk_in_customer:
            return POS(point).gold_walk_in_customer.id

    @fields.depends('point', 'party', 'gold_place_of_supply', 'company')
    def on_change_point(self):
        if hasattr(super(), 'on_change_point'):
            super().on_change_point()
        if not self.party and self.point:
            self.party = self.point.gold_walk_in_customer
        if not self.gold_place_of_supply and self.point:
            self.gold_place_of_supply = shop_state(self.point, self.company)

    @classmethod
    def preprocess_values(cls, mode, values):
        pool = Pool()
        POS = pool.get('sale.point')
        values = super().preprocess_values(mode, values)
        if (mode == 'create' and not values.get('party')
                and values.get('point')):
            customer = POS(values['point']).gold_walk_in_customer
            if customer:
                values['party'] = customer.id
        return values

    @classmethod
    def on_modification(cls, mode, sales, field_names=None):
        super().on_modification(mode, sales, field_names=field_names)
        # a new bill's lines check their own prices and taxes when created
        if mode == 'write' and 'gold_place_of_supply' in field_names:
            cls.check_place_of_supply(sales)

    @classmethod
    def check_place_of_supply(cls, sales):
        """A supply in another state needs the counter's tax rule, and gold
        lines priced with the taxes of the place"""
        Line = Pool().get('sale.point.sale.line')
        for sale in sales:
            for line in sale.lines:
                sale.gold_supply_taxes(line.product_taxes)
            Line.check_gold_prices(
                [l for l in sale.lines if l.gold_priced_by_core])

    def get_gold_scan(self, name):
        return None

    @classmethod
    def set_gold_scan(cls, sales, name, value):
        "Scanning only adds lines on the form; nothing is stored"
        pass

    @fields.depends('gold_scan', 'lines', 'state', 'point',
        methods=['gold_scanned_line', 'set_amounts'])
    def on_change_gold_scan(self):
        """Add the scanned piece or item as a priced line, in one round
        trip. A refused code is not kept in the scan field: its message
        shows beside it (gold_scan_message), the bill unchanged, and the
        cashier scans the next code without a dialog to close"""
        code = (self.gold_scan or '').strip()
        self.gold_scan = None
        self.gold_scan_message = None
        if not code or self.state != 'open':
            return
        try:
            if not self.point:
                raise ScanError(gettext('gold_sale_point.msg_scan_no_point'))
            line = self.gold_scanned_line(code)
        except UserWarning:
            raise
        except UserError as error:
            self.gold_scan_message = error.message
            return
        self.lines = list(self.lines or []) + [line]
        self.set_amounts()

    @fields.depends('lines', 'point', 'company', 'date', 'state')
    def gold_scanned_line(self, code):
        "Return the new line of a scanned tag, barcode or HUID"
        pool = Pool()
        Line = pool.get('sale.point.sale.line')
        Lot = pool.get('stock.lot')
        Identifier = pool.get('product.identifier')
        line = Line(sale=self, company=self.company,
            currency=self.company.currency if self.company else None,
            sale_state=self.state)
        lots = Lot.gold_scanned(code)
        if len(lots) == 1:
            lot, = lots
            for other in self.lines or []:
                if other.lot == lot and (other.quantity or 0) > 0:
                    raise ScanError(gettext(
                            'gold_sale_point.msg_scan_twice',
                            piece=lot.number))
            line.lot = lot
            line.on_change_lot()
            line.check_pieces_free([lot])
            line.check_pieces([line])
            line.set_scanned_display()
            return line
        identifiers = Identifier.search([
                ('code', 'in', Lot.gold_scan_codes(code)),
                ('product.salable', '=', True),
                ], limit=1)
        if not identifiers:
            raise ScanError(gettext(
                    'gold_sale_point.msg_scan_unknown', code=code))
        identifier, = identifiers
        line.product = identifier.product
        line.quantity = 1.0
        line.on_change_product()
        line.set_scanned_display()
        return line

    def gold_stale_lines(self):
        "The gold lines priced at a board rate no longer in force"
        stale = []
        for line in self.lines:
            if not line.gold_priced_by_core:
                continue
            current = line.gold_rate_now(self.company)
            if current and current != line.gold_rate_used:
                stale.append((line, current))
        return stale

    def gold_recipient_missing(self):
        """What the invoice lacks of an unregistered customer, as the
        cashier reads it, when the bill's taxable value reaches the
        counter's threshold (CGST rule 46(e)); [] when nothing does"""
        threshold = self.point.gold_recipient_threshold if self.point else None
        if threshold is None or self.gold_untaxed < threshold:
            return []
        party = self.party
        if party and any(i.type == 'in_vat' for i in party.identifiers):
            return []
        if not party or party == self.point.gold_walk_in_customer:
            return [gettext('gold_sale_point.msg_recipient_name'),
                gettext('gold_sale_point.msg_recipient_address'),
                gettext('gold_sale_point.msg_recipient_state')]
        address = party.address_get()
        missing = []
        if not address or not (address.street or address.city):
            missing.append(gettext('gold_sale_point.msg_recipient_address'))
        if not address or not address.subdivision:
            missing.append(gettext('gold_sale_point.msg_recipient_state'))
        return missing

    @property
    def gold_untaxed(self):
        "The bill's value before tax: its lines' taxable values"
        return sum((l.untax_amount for l in self.lines), Decimal(0))

    @classmethod
    def check_recipients(cls, sales):
        "Refuse to pay or post a bill whose invoice lacks its customer"
        for sale in sales:
            missing = sale.gold_recipient_missing()
            if missing:
                currency = sale.company.currency
                raise RecipientError(gettext(
                        'gold_sale_point.msg_recipient_missing',
                        sale=sale.rec_name,
                        amount=money(sale.gold_untaxed, currency),
                        threshold=money(
                            sale.point.gold_recipient_threshold, currency),
                        missing=', '.join(missing)))

    def gold_check_rates_changed(self):
        """Before the first payment of an open bill: tell the cashier its
        lines were priced at a rate no longer in force, then keep that rate
        or price the lines again at the current one (the counter's
        setting)"""
        pool = Pool()
        Line = pool.get('sale.point.sale.line')
        Warning = pool.get('res.user.warning')
        if self.state != 'open' or self.payments:
            return
        stale = self.gold_stale_lines()
        if not stale:
            return
        reprice = self.point.gold_rate_changed == 'reprice'
        key = Warning.format('gold_rate_changed', [self] + [
                r for _, r in stale])
        if Warning.check(key):
            line, current = stale[0]
            raise RateChangedWarning(key, gettext(
                    'gold_sale_point.msg_rate_changed_reprice' if reprice
                    else 'gold_sale_point.msg_rate_changed_keep',
                    sale=self.rec_name, line=line.gold_name,
                    rate=money(line.gold_rate, self.currency),
                    current=money(current.sell_rate, self.currency),
                    lines=len(stale)))
        if reprice:
            lines = [l for l, _ in stale]
            for line in lines:
                line.gold_priced_at = dt.datetime.now()
                line.gold_rate_used = None
                line.price_gold()
            Line.save(lines)

    @fields.depends('lines', 'payments', 'gold_old_amount', 'company',
        methods=['on_change_with_total_tax', 'on_change_with_total',
            'on_change_with_amount_paid'])
    def set_amounts(self):
        "The bill's amounts after its lines changed on the form"
        self.total_tax = self.on_change_with_total_tax()
        self.total = self.on_change_with_total()
        self.amount_paid = self.on_change_with_amount_paid()
        # as on_change_with_amount_to_pay, without computing both again
        self.amount_to_pay = self.total - self.amount_paid

    @fields.depends('gold_old_lines', 'payments', 'total')
    def on_change_gold_old_lines(self):
        """The amounts after old gold changed on the form: from the total as
        the form has it, so that the client sends no line"""
        self.gold_old_amount = self.get_gold_old_amount()
        self.amount_paid = self.on_change_with_amount_paid()
        self.amount_to_pay = (self.total or Decimal(0)) - self.amount_paid

    @fields.depends('gold_place_of_supply', 'point', 'company')
    def on_change_with_total_tax(self, name=None):
        return super().on_change_with_total_tax(name)

    @fields.depends('gold_place_of_supply', 'point', 'company')
    def on_change_with_total(self, name=None):
        return super().on_change_with_total(name)

    def get_total(self, name):
        return self.on_change_with_total(name)

    @property
    def gold_due(self):
        "What the customer owes for the bill after old gold (below 0: owed)"
        return self.total - self.gold_old_amount

    def get_gold_old_amount(self, name=None):
        "The old gold's credit; on the form on_change_gold_old_lines sets it"
        return sum(
            (l.credit for l in self.gold_old_lines or []), Decimal(0))

    @fields.depends('gold_old_amount')
    def on_change_with_amount_paid(self, name=None):
        "Old gold pays part of the bill"
        return (super().on_change_with_amount_paid(name)
            + (self.gold_old_amount or Decimal(0)))

    @classmethod
    def process(cls, sales):
        for sale in sales:
            if sale.amount_to_pay:
                raise PaymentError(gettext(
                        'gold_sale_point.msg_sale_amount_to_pay',
                        sale=sale.rec_name,
                        amount=money(sale.amount_to_pay, sale.currency)))
        cls.check_old_gold(sales)
        super().process(sales)

    @classmethod
    def cancel(cls, sales):
        pool = Pool()
        Line = pool.get('sale.point.sale.line')
        super().cancel(sales)
        Line.set_gold_open([l for s in sales for l in s.lines], False)

    @classmethod
    def open(cls, sales):
        pool = Pool()
        Line = pool.get('sale.point.sale.line')
        super().open(sales)
        lines = [l for s in sales for l in s.lines]
        Line.check_pieces_free(
            [l.lot for l in lines if l.lot and l.quantity > 0], lines)
        Line.set_gold_open(lines, True)
        Line.check_pieces([l for l in lines if l.lot])

    @property
    def gold_stock_accounting(self):
        """The stock accounting method of the bill's fiscal year: with one
        (continental) its stock moves post the stock and the cost of goods
        sold (Period.find is cached: asked per line, it costs no query)"""
        pool = Pool()
        Period = pool.get('account.period')
        period = Period.find(self.company, date=self.date, test_state=False)
        return period.fiscalyear.account_stock_method

    @property
    def numbering_sequence(self):
        """The strict sequence that numbers the bill: its counter's series
        for its financial year when the counter has any"""
        pool = Pool()
        FiscalYear = pool.get('account.fiscalyear')
        if not self.point.gold_sequences:
            return self.point.sequence
        try:
            fiscalyear = FiscalYear.find(
                self.company, date=self.date, test_state=False)
        except FiscalYearNotFoundError:
            fiscalyear = None
        series = {(line.kind or 'invoice'): line.sequence
            for line in self.point.gold_sequences
            if line.fiscalyear == fiscalyear}
        sequence = series.get(self.gold_document_kind, series.get('invoice'))
        if sequence is None:
            raise SequenceError(gettext(
                    'gold_sale_point.msg_no_fiscal_sequence',
                    point=self.point.rec_name, date=self.date))
        return sequence

    @property
    def gold_document_kind(self):
        """What the paid bill is: an old gold purchase voucher (old gold
        and no line), a credit note (a return: it owes the customer) or a
        tax invoice"""
        if not self.lines:
            return 'voucher'
        if (self.total or 0) < 0:
            return 'credit_note'
        return 'invoice'

    @classmethod
    def lock_sequences(cls, sequences):
        """Lock first the strict sequences a request ends with: Tryton
        starts a request over at a lock it did not hold from the start, and
        over early it repeats little"""
        for sequence in {s for s in sequences if s}:
            sequence.lock()

    @classmethod
    def do(cls, sales):
        "Number each bill from its counter's series for its financial year"
        pool = Pool()
        Stone = pool.get('sale.point.sale.line.stone')
        # while the bills are open: their invoices' stones as sold
        Stone.keep([l for s in sales for l in s.lines])
        to_number = [s for s in sales if not s.number]
        sequences = [s.numbering_sequence for s in to_number]
        cls.lock_sequences(sequences)
        for sale, sequence in zip(to_number, sequences):
            if sale.point.gold_sequences:
                with Transaction().set_context(company=sale.company.id):
                    sale.number = sequence.get()
                check_number_size(sequence, sale.number)
        cls.save(sales)
        super().do(sales)
        cls.gold_queue_post([s for s in sales if s.point.gold_post_paid])

    @classmethod
    def gold_queue_post(cls, sales):
        """Post the bills through Tryton's queue, a task per bill: with
        trytond-worker the request that paid them answers at once"""
        if sales:
            with Transaction().set_context(queue_batch=1):
                cls.__queue__.gold_post_paid(sales)

    @classmethod
    def gold_post_paid(cls, sales, skip_locked=False):
        """Post paid bills one by one, each committed on its own: a bill
        that cannot be posted is left paid, nothing of its posting written,
        with the reason in its Posting Error; with skip_locked, a bill
        another transaction holds is left to it. It ends the transaction
        it runs in: it is the task of the queue and of the scheduled
        action, never part of a request."""
        transaction = Transaction()
        for sale in sales:
            try:
                bill = cls(sale.id)
                if bill.state != 'done':
                    continue
                cls.lock([bill])
                cls.post([bill])
            except backend.DatabaseOperationalError:
                if not skip_locked:
                    raise
                transaction.rollback()
                continue
            except (UserError, UserWarning) as error:
                transaction.rollback()
                message = '\n'.join(
                    filter(None, [error.message, error.description]))
                cls.write([cls(sale.id)], {'gold_post_error': message})
            transaction.commit()

    @classmethod
    def gold_post_unposted(cls, delay=dt.timedelta(minutes=5)):
        """The scheduled action: post the paid bills of the counters that
        post when paid, left unposted for delay (a task lost to a crash, a
        lock met too often, an error since corrected)"""
        sales = cls.search([
                ('state', '=', 'done'),
                ('point.gold_post_paid', '=', True),
                ('write_date', '<', dt.datetime.now() - delay),
                ], order=[('id', 'ASC')])
        cls.gold_post_paid(sales, skip_locked=True)

    @classmethod
    def check_old_gold(cls, sales):
        "Refuse a bill whose old gold cannot be stocked and posted"
        pool = Pool()
        OldGold = pool.get('sale.point.sale.old_gold')
        for sale in sales:
            if not sale.gold_old_lines:
                continue
            OldGold.check_readings(sale.gold_old_lines)
            point = sale.point
            if not point.gold_old_location or not point.gold_old_account:
                raise OldGoldSetupError(gettext(
                        'gold_sale_point.msg_point_old_gold_setup',
                        point=point.rec_name))
            for old in sale.gold_old_lines:
                if not old.metal.old_product:
                    raise OldGoldSetupError(gettext(
                            'gold_sale_point.msg_metal_old_product',
                            metal=old.metal.rec_name))

    @classmethod
    @ModelView.button
    def post(cls, sales):
        """Checked as the button first: what it does before Tryton's post
        too, for the bills that can be posted (a bill posted already, by a
        request sent twice, is left as it is)"""
        pool = Pool()
        Move = pool.get('stock.move')
        OldGold = pool.get('sale.point.sale.old_gold')
        Line = pool.get('sale.point.sale.line')
        Period = pool.get('account.period')
        sales = [s for s in sales if (s.state, 'posted') in cls._transitions]
        # the account moves are numbered at the end of posting
        cls.lock_sequences(
            Period.find(s.company, date=s.date).move_sequence_used
            for s in sales)
        cls.check_old_gold(sales)
        cls.check_recipients(sales)
        # the pieces leave stock: the stock check holds them from now on
        Line.set_gold_open([l for s in sales for l in s.lines], False)
        # the pieces go out and the old gold comes in as one batch of moves
        moves = [m for s in sales for m in s.get_stock_moves()]
        Move.save(moves)
        Move.do(moves)
        olds = []
        for move in moves:
            if isinstance(move.origin, OldGold):
                old = move.origin
                old.lot, old.move = move.lot, move
                olds.append(old)
        OldGold.save(olds)
        for sale in sales:
            sale.gold_post_error = None
        # Tryton's post leaves the lines moved here (get_stock_move)
        super().post(sales)

    def get_stock_moves(self):
        "Return the bill's stock moves: its lines' and its old gold's"
        moves = [l.get_stock_move() for l in self.lines]
        moves.extend(o.get_stock_move() for o in self.gold_old_lines)
        return [m for m in moves if m]

    def get_account_move(self):
        move = super().get_account_move()
        lines = list(move.lines)
        for old in self.gold_old_lines:
            lines.extend(old.get_account_move_lines())
        move.lines = lines
        return move

class POSSaleLine(BillPart, metaclass=PoolMeta):
    __name__ = 'sale.point.sale.line'

    gold_stones_sold = fields.One2Many(
        'sale.point.sale.line.stone', 'line', "Stones Sold", readonly=True,
        help="The piece's stones as the bill sold them: kept when the bill "
        "is paid, as its invoice prints them.")

    @classmethod
    def copy(cls, lines, default=None):
        "A copied line sells its piece's stones as they are when it is paid"
        default = default.copy() if default else {}
        default.setdefault('gold_stones_sold')
        return super().copy(lines, default=default)

    gold_open_lot = fields.Many2One(
        'stock.lot', "Open Piece", readonly=True,
        help="The piece while the line sells it on an open or paid bill: "
        "a piece is on one such line at most.")

    lot = fields.Many2One(
        'stock.lot', "Piece",
        domain=[('gold_purity', '!=', None)],
        states={'readonly': Eval('sale_state') != 'open'},
        help="Scan the tag, barcode or HUID.")
    gold_purity = fields.Function(
        fields.Many2One('gold.purity', "Purity", states=_piece),
        'on_change_with_gold_purity')
    gold_rate = fields.Numeric("Rate", digits=MONEY, states=_piece)
    gold_gross_weight = fields.Numeric(
        "Gross Weight", digits=WEIGHT, states=_piece)
    gold_stone_weight = fields.Numeric(
        "Stone Weight", digits=WEIGHT, states=_piece)
    gold_net_weight = fields.Numeric(
        "Net Weight", digits=WEIGHT, states=_piece)
    gold_metal_value = fields.Numeric(
        "Metal Value", digits=MONEY, states=_piece)
    gold_making = fields.Numeric("Making", digits=MONEY, states=_piece)
    gold_wastage = fields.Numeric("Wastage", digits=MONEY, states=_piece)
    gold_stones = fields.Numeric("Stones", digits=MONEY, states=_piece)
    gold_hallmark = fields.Numeric("Hallmark", digits=MONEY, states=_piece)
    gold_hallmark_mode = fields.Selection(
        [(None, "")] + list(HALLMARK_MODES.items()), "Hallmark Fee",
        states=_piece,
        help="How the line billed its hallmark fee, as priced.")
    gold_discount_amount = fields.Numeric(
        "Discount", digits=MONEY, states=_piece)
    gold_rate_used = fields.Many2One(
        'gold.rate', "Board Rate", ondelete='RESTRICT', states=_piece,
        help="The entry of the rate board that priced the line.")
    gold_priced_at = fields.DateTime(
        "Priced At", states=_piece,
        help="The moment whose board rate prices the line.")
    gold_discount_percent = fields.Numeric(
        "Making Discount %", digits=(5, 2),
        domain=['OR',
            ('gold_discount_percent', '=', None),
            [('gold_discount_percent', '>=', 0),
                ('gold_discount_percent', '<=', 100)],
            ],
        states={
            'invisible': ~Bool(Eval('gold_rate')),
            'readonly': Eval('sale_state') != 'open',
            },
        help="A discount on the making charge, within your role's cap.")
    gold_discount_reason = fields.Char(
        "Discount Reason",
        states={
            'invisible': ~Bool(Eval('gold_discount_percent')),
            'readonly': Eval('sale_state') != 'open',
            })
    gold_taxable = fields.Numeric(
        "Taxable Value", digits=MONEY, states=_piece,
        help="The line's value before tax, as priced.")
    gold_total = fields.Numeric(
        "Total", digits=MONEY, states=_piece,
        help="The line's value with tax, as priced.")
    gold_round_off = fields.Numeric(
        "Round Off", digits=MONEY, states=_piece,
        help="What rounding the total adds to the taxable value and taxes, "
        "as priced.")

    @classmethod
    def __setup__(cls):
        super().__setup__()
        t = cls.__table__()
        cls._sql_constraints.append(
            ('gold_open_lot_unique', Unique(t, t.gold_open_lot),
                'gold_sale_point.msg_piece_open_unique'))

    @classmethod
    def default_quantity(cls):
        "A scan sells one item"
        return 1.0

    @classmethod
    def __register__(cls, module):
        pool = Pool()
        Sale = pool.get('sale.point.sale')
        table_h = cls.__table_handler__(module)
        fill = not table_h.column_exist('gold_open_lot')
        super().__register__(module)
        if fill:
            # bills opened before the column existed hold their pieces
            cursor = Transaction().connection.cursor()
            line, sale = cls.__table__(), Sale.__table__()
            cursor.execute(*line.update([line.gold_open_lot], [line.lot],
                    where=(line.lot != Null) & (line.quantity > 0)
                    & line.sale.in_(sale.select(sale.id,
                            where=sale.state.in_(['open', 'done'])))))

    @staticmethod
    def _gold_open_lot(lot, quantity):
        return int(lot) if lot is not None and (quantity or 0) > 0 else None

    @classmethod
    def create(cls, vlist):
        vlist = [v.copy() for v in vlist]
        for values in vlist:
            values['gold_open_lot'] = cls._gold_open_lot(values.get('lot'),
                values.get('quantity', cls.default_quantity()))
        cls.check_pieces_free(
            [v['gold_open_lot'] for v in vlist if v['gold_open_lot']])
        return super().create(vlist)

    @classmethod
    def write(cls, *args):
        "Keep the open piece of each line whose piece or quantity changes"
        actions = iter(args)
        args, changed, lots = [], [], []
        for lines, values in zip(actions, actions):
            if not values.keys() & {'lot', 'quantity'}:
                args.extend((lines, values))
                continue
            for line in lines:
                new_lot = values['lot'] if 'lot' in values else line.lot
                quantity = values.get('quantity', line.quantity)
                if (int(new_lot) if new_lot is not None else None) == (
                        line.lot.id if line.lot else None) and (
                        quantity == line.quantity):
                    # the same piece and quantity: its open piece stays
                    args.extend(([line], values))
                    continue
                lot = cls._gold_open_lot(new_lot, quantity)
                args.extend(([line], {**values, 'gold_open_lot': lot}))
                changed.append(line)
                if lot and lot != line.gold_open_lot:
                    lots.append(lot)
        cls.check_pieces_free(lots, changed)
        super().write(*args)

    @classmethod
    def check_pieces_free(cls, lots, lines=()):
        """A piece is on no other open or paid bill than the lines'.
        Two counters adding it at the same moment pass this check together;
        the unique open piece then makes the second wait for the first and
        fail"""
        if not lots:
            return
        others = cls.search([
                ('gold_open_lot', 'in', list(map(int, lots))),
                ('id', 'not in', [
                        l.id for l in lines
                        if l.id is not None and l.id >= 0]),
                ], limit=1)
        if others:
            other, = others
            if other.sale.state != 'open':
                # paid, its posting to come
                raise cls.piece_sold_error(other.lot, other.sale)
            raise PieceUnavailableError(gettext(
                    'gold_sale_point.msg_piece_on_other_bill',
                    piece=other.lot.number, sale=other.sale.rec_name))

    @classmethod
    def set_gold_open(cls, lines, open_):
        """Hold the pieces of the lines while their bill is open or paid:
        bookkeeping of the bill's transitions, written without the checks of
        a line's change"""
        table = cls.__table__()
        cursor = Transaction().connection.cursor()
        ids = [l.id for l in lines]
        # one statement per slice (grouped_slice without a size slices
        # one by one)
        for sub_ids in grouped_slice(ids, backend.MAX_QUERY_PARAMS):
            where = table.id.in_(list(sub_ids))
            if open_:
                cursor.execute(*table.update(
                        [table.gold_open_lot], [table.lot],
                        where=where & (table.quantity > 0)))
            else:
                cursor.execute(*table.update(
                        [table.gold_open_lot], [Null],
                        where=where & (table.gold_open_lot != Null)))

    @fields.depends(
        methods=['on_change_with_gold_purity', 'on_change_with_unit'])
    def set_scanned_display(self):
        "What the client computes itself when a line is typed, not scanned"
        self.gold_purity = self.on_change_with_gold_purity()
        self.unit = self.on_change_with_unit()

    @fields.depends('lot')
    def on_change_with_gold_purity(self, name=None):
        return self.lot.gold_purity if self.lot else None

    @fields.depends(
        'lot', 'quantity', 'gold_rate_used', methods=['price_gold'])
    def on_change_lot(self):
        "Price the scanned piece at the rate in force now and keep it"
        if not self.lot:
            self.clear_gold()
            return
        self.product = self.lot.product
        self.quantity = 1.0
        self.gold_priced_at = dt.datetime.now()
        self.gold_rate_used = None
        self.price_gold()

    @property
    @fields.depends('product', 'lot')
    def gold_by_weight(self):
        "Untagged gold or silver sold by the gram entered as quantity"
        return bool(not self.lot and self.product
            and self.product.gold_sale_mode == 'weight')

    @fields.depends('lot', 'product', 'sale',
        '_parent_sale.gold_place_of_supply', '_parent_sale.company',
        methods=['gold_by_weight', 'price_gold_weight'])
    def on_change_product(self):
        if not self.lot and self.product:
            self.check_tagged([self])
        super().on_change_product()
        if not self.lot:
            # another product is priced afresh, at the board in force now
            self.clear_gold()
            if self.gold_by_weight:
                self.price_gold_weight()

    def clear_gold(self):
        "Forget the gold price of the line"
        for fname in GOLD_FIELDS:
            setattr(self, fname, None)

    @fields.depends(methods=['gold_by_weight', 'price_gold_weight'])
    def on_change_quantity(self):
        if hasattr(super(), 'on_change_quantity'):
            super().on_change_quantity()
        if self.gold_by_weight:
            self.price_gold_weight()

    @fields.depends('gold_priced_at', 'gold_rate_used', methods=['price_gold'])
    def price_gold_weight(self):
        "Price the weight entered as quantity at the rate in force now"
        if not self.gold_priced_at:
            self.gold_priced_at = dt.datetime.now()
            self.gold_rate_used = None
        self.price_gold()

    @fields.depends(
        'gold_rate', 'gold_discount_percent', 'lot', 'product',
        methods=['gold_by_weight', 'price_gold'])
    def on_change_gold_discount_percent(self):
        # refused when typed, before the price changes
        self.check_discount_caps([self])
        if self.gold_rate is not None:
            self.price_gold()

    @property
    @fields.depends('gold_discount_percent')
    def gold_discount(self):
        "The pricing core's discount of the line"
        if self.gold_discount_percent:
            return ('percent', self.gold_discount_percent)

    @property
    def gold_weight(self):
        "The weight sold by weight, in grams"
        return grams(abs(self.quantity))

    @fields.depends('lot', 'product', 'quantity', 'gold_priced_at',
        'gold_rate_used', 'gold_discount_percent', 'sale',
        '_parent_sale.gold_place_of_supply', '_parent_sale.point',
        '_parent_sale.company', '_parent_sale.date')
    def gold_line_quote(self):
        """Return (rate, PriceBreakdown, gross, stone) of the line: at the
        board rate it was first priced with, the one way a gold line gets a
        price"""
        pool = Pool()
        Rate = pool.get('gold.rate')
        discount = self.gold_discount
        # the taxes are read in price_input: a tax the core cannot compute
        # is named by price_with, as any bad input
        if self.lot:
            lot = self.lot
            product, name = lot.product, lot.number
            gross, stone = lot.gold_gross_weight, lot.gold_stone_weight

            def price_input(rate, company):
                return lot.gold_price_input(
                    company, rate.exact_sell_rate, discount=discount,
                    taxes=self.gold_tax_terms,
                    hallmark_taxes=self.gold_hallmark_terms)
        else:
            product, name = self.product, self.product.rec_name
            gross, stone = self.gold_weight, Decimal(0)

            def price_input(rate, company):
                return product.gold_price_input(
                    company, rate.exact_sell_rate, gross, discount=discount,
                    taxes=self.gold_tax_terms,
                    hallmark_taxes=self.gold_hallmark_terms)
        if self.gold_rate_used:
            rate = self.gold_rate_used
            breakdown = price_with(
                rate, name, Rate._get_company(None), price_input)
        else:
            rate, breakdown = quote_product(
                product, name, self.gold_priced_at, None, price_input)
        return rate, breakdown, gross, stone

    @fields.depends(
        'quantity', methods=['gold_line_quote', 'set_gold_breakdown'])
    def price_gold(self):
        if not self.quantity:
            return
        self.set_gold_breakdown(*self.gold_line_quote())

    @fields.depends(
        'quantity', methods=['on_change_with_unit_price',
            'on_change_with_amount'])
    def set_gold_breakdown(self, rate, breakdown, gross_weight, stone_weight):
        "Keep the rate and the price of the gold on the line"
        self.gold_rate_used = rate
        self.gold_rate = rate.sell_rate
        self.gold_gross_weight = gross_weight
        self.gold_stone_weight = stone_weight
        for fname, attr in BREAKDOWN_FIELDS.items():
            setattr(self, fname, getattr(breakdown, attr))
        quantity = grams(abs(self.quantity or 1))
        self.unit_list_price = round_price(breakdown.taxable / quantity)
        self.unit_gross_price = round_price(breakdown.total / quantity)
        self.unit_price = self.on_change_with_unit_price()
        self.amount = self.on_change_with_amount()

    @property
    def _gold_sign(self):
        return -1 if (self.quantity or 0) < 0 else 1

    @fields.depends('gold_total', 'gold_taxable', 'gold_hallmark',
        'gold_hallmark_mode', 'sale', '_parent_sale.point')
    def on_change_with_amount(self, name=None):
        "A gold line's amount is its priced value, not unit price x weight"
        if getattr(self, 'gold_total', None) is None:
            return super().on_change_with_amount(name)
        if self.sale and self.sale.point and not self.sale.point.tax_included:
            return self._gold_sign * self.gold_untaxed
        return self._gold_sign * self.gold_total

    @property
    def gold_untaxed(self):
        "The line's value before tax: its taxable value and a hallmark service"
        if getattr(self, 'gold_hallmark_mode', None) == 'service':
            return self.gold_taxable + (self.gold_hallmark or 0)
        return self.gold_taxable

    @property
    def gold_outside_tax(self):
        "The hallmark fee the line collects outside GST, signed"
        if getattr(self, 'gold_hallmark_mode', None) == 'outside':
            return self._gold_sign * (self.gold_hallmark or 0)
        return Decimal(0)

    @property
    def untax_amount(self):
        if getattr(self, 'gold_taxable', None) is None:
            return super().untax_amount
        return self._gold_sign * self.gold_untaxed

    @property
    def gross_amount(self):
        if getattr(self, 'gold_total', None) is None:
            return super().gross_amount
        return self._gold_sign * self.gold_total

    @property
    @fields.depends('gold_taxable')
    def taxable_lines(self):
        if getattr(self, 'gold_taxable', None) is None:
            return super().taxable_lines
        return [(self.taxes, self.gold_taxable, self._gold_sign,
                self.tax_date)]

    @classmethod
    def validate_fields(cls, lines, field_names):
        super().validate_fields(lines, field_names)
        if field_names & {'lot', 'quantity', 'product'}:
            cls.check_tagged([l for l in lines if not l.lot])
            cls.check_pieces([l for l in lines if l.lot])
        gold = [l for l in lines if l.gold_priced_by_core]
        if field_names & {'gold_discount_percent', 'gold_discount_reason'}:
            cls.check_discounts(gold)
        if field_names & {'gold_rate_used', 'lot', 'product'}:
            cls.check_rates_current(gold)
        cls.check_gold_prices(gold)

    @property
    def gold_priced_by_core(self):
        "Whether the line's price is the pricing core's at its board rate"
        return bool(self.gold_rate_used)

    @classmethod
    def check_rates_current(cls, lines):
        "A line is priced with the board rate in force when it is entered"
        Rate = Pool().get('gold.rate')
        for line in lines:
            if line.sale.state != 'open':
                continue
            company = Rate._get_company(None)
            if line.gold_rate_now(company) != line.gold_rate_used:
                raise PriceChangedError(gettext(
                        'gold_sale_point.msg_gold_rate_not_current',
                        line=line.gold_name))

    def gold_rate_now(self, company):
        "The board entry in force now for the line's product"
        Rate = Pool().get('gold.rate')
        return Rate.rate_at(
            self.product.gold_rate_purity(company), dt.datetime.now(),
            company)

    @classmethod
    def check_gold_prices(cls, lines):
        "The price of a gold line is the pricing core's, nobody else's"
        for line in lines:
            if line.sale.state != 'open':
                continue
            rate, breakdown, _, _ = line.gold_line_quote()
            if (line.gold_rate != rate.sell_rate
                    or line.gold_taxable != breakdown.taxable
                    or line.gold_total != breakdown.total
                    or line.gold_discount_amount != breakdown.discount):
                raise PriceChangedError(gettext(
                        'gold_sale_point.msg_gold_price_changed',
                        line=line.gold_name,
                        rate=money(rate.sell_rate, line.currency),
                        total=money(breakdown.total, line.currency)))

    @property
    def gold_name(self):
        if self.lot:
            return self.lot.number
        return self.product.rec_name if self.product else ""

    @classmethod
    def check_discounts(cls, lines):
        """A making discount stays within the cap of the user's roles and
        above the counter's threshold it needs a reason"""
        cls.check_discount_caps(lines)
        for line in lines:
            discount = line.gold_discount_percent
            if not discount:
                continue
            threshold = line.sale.point.gold_discount_reason_above
            if (threshold is not None and discount > threshold
                    and not (line.gold_discount_reason or '').strip()):
                raise DiscountError(gettext(
                        'gold_sale_point.msg_discount_reason',
                        discount=percent(discount), line=line.gold_name,
                        threshold=percent(threshold)))

    @classmethod
    def check_discount_caps(cls, lines):
        "A making discount stays within the cap of the user's roles"
        pool = Pool()
        User = pool.get('res.user')
        user_id = Transaction().user
        lines = [l for l in lines if l.gold_discount_percent]
        if not user_id or not lines:
            return
        cap = User(user_id).gold_discount_cap or 0
        for line in lines:
            discount = line.gold_discount_percent
            if discount > cap:
                raise DiscountError(gettext(
                        'gold_sale_point.msg_discount_above_cap',
                        discount=percent(discount), line=line.gold_name,
                        cap=percent(cap)))

    @classmethod
    def check_tagged(cls, lines):
        "A tagged product sells as a piece, by scanning its tag"
        for line in lines:
            if line.product.gold_sale_mode == 'tagged':
                raise PieceUnavailableError(gettext(
                        'gold_sale_point.msg_tagged_needs_piece',
                        product=line.product.rec_name))

    @classmethod
    def check_pieces(cls, lines):
        "A piece sells once: in stock at the counter and on no other bill"
        pool = Pool()
        Lot = pool.get('stock.lot')
        for line in lines:
            if abs(line.quantity or 0) != 1:
                raise PieceUnavailableError(gettext(
                        'gold_sale_point.msg_piece_quantity',
                        piece=line.lot.number))
        selling = [l for l in lines if l.quantity > 0]
        by_location = defaultdict(list)
        for line in selling:
            if line.sale.state == 'open':
                by_location[line.sale.point.storage_location].append(line)
        for location, location_lines in by_location.items():
            in_stock = Lot.pieces_in_stock(
                [l.lot for l in location_lines], location)
            for line in location_lines:
                if line.lot.id not in in_stock:
                    line.raise_not_in_stock(location)

    @staticmethod
    def piece_sold_error(lot, sale):
        "The refusal of a piece that bill sale sold"
        return PieceUnavailableError(gettext(
                'gold_sale_point.msg_piece_sold',
                piece=lot.number, sale=sale.rec_name,
                date=Pool().get('ir.lang').get().strftime(sale.date)))

    def raise_not_in_stock(self, location):
        "Refuse the piece, naming the bill that sold it if one did"
        sold = self.search([
                ('lot', '=', self.lot.id),
                ('quantity', '>', 0),
                ('sale.state', 'in', ['done', 'posted']),
                ('id', '!=', self.id if self.id and self.id > 0 else -1),
                ], order=[('sale.date', 'DESC'), ('id', 'DESC')], limit=1)
        if sold:
            sold, = sold
            raise self.piece_sold_error(self.lot, sold.sale)
        raise PieceUnavailableError(gettext(
                'gold_sale_point.msg_piece_not_in_stock',
                piece=self.lot.number, location=location.rec_name))

    @property
    def product_taxes(self):
        "The product's customer taxes, without a new product per call"
        if (self.company
                and Transaction().context.get('company') == self.company.id):
            return self.product.customer_taxes_used
        return super().taxes

    @property
    def taxes(self):
        "The product's taxes at the bill's place of supply"
        if not self.sale:
            return self.product_taxes
        return self.sale.gold_supply_taxes(self.product_taxes)

    def gold_retax(self):
        "Price the line again with the taxes of the bill's place of supply"
        if self.gold_rate_used:
            self.price_gold()
        elif self.product:
            self.on_change_product()

    def get_account_move_lines(self):
        return super().get_account_move_lines() + self.get_cost_move_lines()

    @property
    def gold_cost(self):
        """The cost of what the line sells: the piece's own, or what its
        stock moves cost by the product's cost method (fixed, average, FIFO,
        LIFO), or else the product's cost"""
        pool = Pool()
        Move = pool.get('stock.move')
        if self.lot:
            return self.lot.gold_cost_price
        if self.product.type != 'goods':
            return None
        moves = Move.search([
                ('origin', '=', str(self)),
                ('state', '=', 'done'),
                ('cost_price', '!=', None),
                ])
        if moves:
            return sum(
                (m.cost_price * Decimal(str(m.quantity)) for m in moves),
                Decimal(0))
        if self.product.cost_price:
            return self.product.cost_price * Decimal(str(abs(self.quantity)))

    def get_cost_move_lines(self):
        """Return the cost of goods sold debited and the stock credited at
        cost, when the category has a stock account; a year valued by
        account_stock_continental posts them from the stock moves instead"""
        pool = Pool()
        Line = pool.get('account.move.line')
        if self.sale.gold_stock_accounting:
            return []
        cost = self.gold_cost
        category = self.product.account_category
        if not cost or not category:
            return []
        stock = category.get_account(
            'account_stock_used', company=self.company.id)
        if not stock:
            return []
        with Transaction().set_context(company=self.company.id):
            expense = self.product.account_expense_used
        cost = self.company.currency.round(cost)
        if self.quantity < 0:
            cost = -cost
        lines = []
        for account, balance in [(expense, cost), (stock, -cost)]:
            line = Line(account=account, origin=self)
            set_balance(line, balance)
            lines.append(line)
        return lines

    def get_stock_move(self):
        """Return the line's stock move, None once it has one: the bill
        moves its lines with its old gold before Tryton's post asks again
        (POSSale.post)"""
        if self.moves:
            return
        move = super().get_stock_move()
        if move and self.lot:
            # it leaves stock at the piece's own cost (stock.Move.do)
            move.lot = self.lot
        return move


class POSSaleLineStone(BillPart, ModelSQL, ModelView):
    "Stone of a Bill Line"
    __name__ = 'sale.point.sale.line.stone'
    __string__ = "Stone Sold"

    line = fields.Many2One(
        'sale.point.sale.line', "Line", required=True, ondelete='CASCADE')
    stone_type = fields.Selection('get_stone_types', "Type", readonly=True)
    stone_type_string = stone_type.translated('stone_type')
    pieces = fields.Integer("Pieces", readonly=True)
    carats = fields.Numeric("Carats", digits=WEIGHT, readonly=True)
    rate_per = fields.Selection('get_rates_per', "Rate Per", readonly=True)
    rate_per_string = rate_per.translated('rate_per')
    rate = fields.Numeric("Rate", digits=MONEY, readonly=True)
    certificate_lab = fields.Char("Certificate Lab", readonly=True)
    certificate_number = fields.Char("Certificate Number", readonly=True)
    amount = fields.Numeric("Amount", digits=MONEY, readonly=True)

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls.__access__.add('line')

    @property
    def sale(self):
        return self.line.sale

    @staticmethod
    def _lot_stone_selection(name):
        LotStone = Pool().get('stock.lot.stone')
        return LotStone.fields_get([name])[name]['selection']

    @classmethod
    def get_stone_types(cls):
        return cls._lot_stone_selection('stone_type')

    @classmethod
    def get_rates_per(cls):
        return cls._lot_stone_selection('rate_per')

    @classmethod
    def keep(cls, lines):
        """Keep the stones of the lines' pieces as sold, once: the figures
        the invoice prints, whatever the piece says later"""
        stones = []
        for line in lines:
            if line.lot and not line.gold_stones_sold:
                for stone in line.lot.gold_stones:
                    stones.append(cls(
                            line=line, stone_type=stone.stone_type,
                            pieces=stone.pieces, carats=stone.carats,
                            rate_per=stone.rate_per, rate=stone.rate,
                            certificate_lab=stone.certificate_lab,
                            certificate_number=stone.certificate_number,
                            amount=stone.amount))
        cls.save(stones)


class POSPay(metaclass=PoolMeta):
    __name__ = 'sale.point.sale.pay'

    def default_payment(self, fields):
        """Each payment form shown carries its own token; a bill priced at
        a rate no longer in force is kept or repriced, as its counter says,
        once the cashier is told"""
        if not self.record.payments:
            self.record.check_recipients([self.record])
        self.record.gold_check_rates_changed()
        default = super().default_payment(fields)
        default['gold_token'] = uuid.uuid4().hex
        return default

    def transition_pay(self):
        """A form sent again (a client resending after a lost answer) pays
        once: its token is on the payment it made. The payment that settles
        the bill numbers it: lock its sequence first"""
        pool = Pool()
        Payment = pool.get('sale.point.payment')
        sale = self.record
        if self.payment.gold_token and Payment.search([
                    ('sale', '=', sale.id),
                    ('gold_token', '=', self.payment.gold_token),
                    ], limit=1):
            return 'payment' if sale.amount_to_pay else 'end'
        if (sale.number is None and self.payment.amount is not None
                and sale.amount_to_pay == self.payment.amount):
            sale.lock_sequences([sale.numbering_sequence])
        return super().transition_pay()


class POSPaymentMethod(metaclass=PoolMeta):
    __name__ = 'sale.point.payment.method'

    gold_kind = fields.Selection([
            ('cash', "Cash"),
            ('card', "Card"),
            ('upi', "UPI / Online Transfer"),
            ('cheque', "Cheque"),
            ('voucher', "Credit Voucher"),
            ('other', "Other"),
            ], "Kind", required=True,
        help="Cheques need a number and a bank; cards, UPI and vouchers "
        "a reference.")

    @classmethod
    def default_gold_kind(cls):
        return 'other'

    @fields.depends('gold_kind')
    def on_change_gold_kind(self):
        self.cash = self.gold_kind == 'cash'

    @classmethod
    def preprocess_values(cls, mode, values):
        "Tryton's cash flag and the cash kind go together"
        values = super().preprocess_values(mode, values)
        if values.get('cash') and values.get('gold_kind') in {None, 'other'}:
            values['gold_kind'] = 'cash'
        elif 'gold_kind' in values:
            values['cash'] = values['gold_kind'] == 'cash'
        return values


class POSPayment(BillPart, metaclass=PoolMeta):
    __name__ = 'sale.point.payment'
    _bill_workflow_fields = ('session',)

    @classmethod
    def __setup__(cls):
        super().__setup__()
        # refunds are paid back through any method, not only cash
        cls.method.domain = [('company', '=', Eval('company', -1))]
        t = cls.__table__()
        cls._sql_constraints += [
            ('gold_token_unique', Unique(t, t.sale, t.gold_token),
                'gold_sale_point.msg_payment_token_unique'),
            ]

    @classmethod
    def copy(cls, payments, default=None):
        default = default.copy() if default else {}
        default.setdefault('gold_token')
        return super().copy(payments, default=default)

    @classmethod
    def create(cls, vlist):
        """A payment by card, UPI, cheque or voucher locks its bill first:
        two counters paying one bill at once are checked one after the
        other against what it leaves to pay"""
        pool = Pool()
        Sale = pool.get('sale.point.sale')
        Method = pool.get('sale.point.payment.method')
        methods = Method.browse({v['method'] for v in vlist
                if v.get('method') is not None})
        cash = {m.id for m in methods if m.cash}
        to_lock = {v['sale'] for v in vlist
            if v.get('sale') is not None and v.get('method') not in cash}
        if to_lock:
            Sale.lock(Sale.browse(sorted(to_lock)))
        return super().create(vlist)

    gold_kind = fields.Function(fields.Selection(
            'get_gold_kinds', "Kind"), 'on_change_with_gold_kind')
    gold_reference = fields.Char(
        "Reference",
        states={
            'readonly': Eval('sale_state') != 'open',
            'required': Eval('gold_kind').in_(['cheque', 'voucher']),
            'invisible': Eval('gold_kind') == 'cash',
            },
        help="The cheque or voucher number, the card approval code or the "
        "UPI transaction reference.")
    gold_bank = fields.Char(
        "Bank",
        states={
            'readonly': Eval('sale_state') != 'open',
            'required': Eval('gold_kind') == 'cheque',
            'invisible': Eval('gold_kind') != 'cheque',
            })
    gold_token = fields.Char(
        "Request Token", strip=False,
        help="Given to the payment form when shown: the same form sent "
        "twice pays once.")

    @classmethod
    def get_gold_kinds(cls):
        Method = Pool().get('sale.point.payment.method')
        return Method.fields_get(['gold_kind'])['gold_kind']['selection']

    @fields.depends('method')
    def on_change_with_gold_kind(self, name=None):
        return self.method.gold_kind if self.method else None

    @classmethod
    def validate_fields(cls, payments, field_names):
        super().validate_fields(payments, field_names)
        if field_names & {'amount', 'method', 'sale'}:
            for payment in payments:
                payment.check_direction()
        # a cash payment changes nothing of what the other methods paid
        cls.check_amounts({p.sale for p in payments if not p.method.cash})

    def check_direction(self):
        """No payment of nothing; money goes out (a negative payment) only
        as cash change, or where the bill owes the customer (a refund, old
        gold bought back)"""
        if not self.amount:
            raise PaymentError(gettext(
                    'gold_sale_point.msg_payment_zero',
                    sale=self.sale.rec_name, method=self.method.rec_name))
        if (self.amount < 0 and not self.method.cash
                and self.sale.gold_due >= 0):
            raise PaymentError(gettext(
                    'gold_sale_point.msg_payment_out',
                    sale=self.sale.rec_name, method=self.method.rec_name,
                    amount=money(self.amount, self.sale.currency)))

    @classmethod
    def check_amounts(cls, sales):
        """Only cash gives change: the other methods pay at most what the
        bill leaves to pay after old gold"""
        for sale in sales:
            other = sum(
                (p.amount for p in sale.payments if not p.method.cash),
                Decimal(0))
            if other <= 0:
                continue
            if sale.total < 0:
                continue
            due = sale.gold_due
            if other > max(due, Decimal(0)):
                raise PaymentError(gettext(
                        'gold_sale_point.msg_payment_above_due',
                        sale=sale.rec_name, amount=money(other, sale.currency),
                        due=money(due, sale.currency)))

    def get_account_move_lines(self):
        "Money paid out (change, buy-back) is a credit, not a negative debit"
        lines = super().get_account_move_lines()
        for line in lines:
            set_balance(line, line.debit - line.credit)
        return lines
