"""The fine-metal ledger: beside its money balance, every party (supplier,
karigar, customer) has a balance in grams of fine metal, per metal.

A ledger line is posted by the document that moves the metal and never
changes afterwards. Its fine weight is signed from the shop's side: metal
issued to the party is positive (the party holds the shop's metal), metal
received from the party is negative (the shop holds the party's). A party's
balance above zero is metal it owes the shop; below zero, metal the shop
owes it."""
from decimal import Decimal

from sql import Window
from sql.aggregate import Sum

from trytond import backend
from trytond.i18n import gettext
from trytond.model import Index, ModelSQL, ModelView, Workflow, fields
from trytond.modules.gold_product.pricing import (
    PricingError, fine_weight, grams)
from trytond.modules.gold_product.product import WEIGHT
from trytond.pool import Pool, PoolMeta
from trytond.pyson import Eval
from trytond.tools import grouped_slice
from trytond.transaction import Transaction, without_check_access

from .exceptions import LedgerAccessError, MetalTransferError

ZERO = Decimal('0.000')


class LedgerLine(ModelSQL, ModelView):
    __name__ = 'gold.ledger.line'
    __string__ = "Metal Ledger Line"

    company = fields.Many2One(
        'company.company', "Company", required=True, readonly=True)
    party = fields.Many2One(
        'party.party', "Party", required=True, readonly=True,
        context={'company': Eval('company', -1)}, depends={'company'})
    metal = fields.Many2One(
        'gold.metal', "Metal", required=True, readonly=True)
    date = fields.Date("Date", required=True, readonly=True)
    description = fields.Char("Description", readonly=True)
    origin = fields.Reference(
        "Origin", selection='get_origins', readonly=True)
    fine_weight = fields.Numeric(
        "Fine Weight", digits=WEIGHT, required=True, readonly=True,
        help="Grams of fine metal: issued to the party above zero, "
        "received from it below zero.")
    issued = fields.Function(fields.Numeric(
            "Issued", digits=WEIGHT), 'get_sides')
    received = fields.Function(fields.Numeric(
            "Received", digits=WEIGHT), 'get_sides')
    balance = fields.Function(fields.Numeric(
            "Balance", digits=WEIGHT,
            help="The party's balance in the metal after this line: above "
            "zero the party owes the shop metal."),
        'get_balance')

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls._order = [('date', 'ASC'), ('id', 'ASC')]
        t = cls.__table__()
        cls._sql_indexes.add(Index(
                t, (t.party, Index.Equality()), (t.metal, Index.Equality()),
                (t.date, Index.Range())))

    @classmethod
    def _get_origins(cls):
        "Return the models that post to the metal ledger"
        return ['gold.metal.transfer']

    @classmethod
    def get_origins(cls):
        IrModel = Pool().get('ir.model')
        return [(None, '')] + [
            (m, IrModel.get_name(m)) for m in cls._get_origins()]

    def get_rec_name(self, name):
        return '%s %s %s g' % (
            self.party.rec_name, self.metal.rec_name, self.fine_weight)

    @classmethod
    def get_sides(cls, lines, names):
        result = {n: {} for n in names}
        for line in lines:
            if 'issued' in result:
                result['issued'][line.id] = max(line.fine_weight, ZERO)
            if 'received' in result:
                result['received'][line.id] = max(-line.fine_weight, ZERO)
        return result

    @classmethod
    def get_balance(cls, lines, name):
        "The running balance per company, party and metal, in one query"
        cursor = Transaction().connection.cursor()
        table = cls.__table__()
        window = Window(
            [table.company, table.party, table.metal],
            order_by=[table.date.asc, table.id.asc])
        balance = Sum(table.fine_weight, window=window)
        parties = {l.party.id for l in lines}
        wanted = {l.id for l in lines}
        result = {}
        in_max = backend.MAX_QUERY_PARAMS
        for sub in grouped_slice(list(parties), in_max):
            query = table.select(
                table.id, balance, where=table.party.in_(list(sub)))
            cursor.execute(*query)
            for line_id, value in cursor:
                if line_id in wanted:
                    result[line_id] = grams(value)
        return result

    @classmethod
    def check_modification(cls, mode, lines, values=None, external=False):
        "A posted line never changes: what corrects it is another line"
        super().check_modification(
            mode, lines, values=values, external=external)
        if mode in {'write', 'delete'}:
            for line in lines:
                raise LedgerAccessError(gettext(
                        'gold_ledger.msg_ledger_line_immutable',
                        line=line.rec_name))

    @classmethod
    def post(cls, values):
        "Create the ledger lines of values, whoever the user is"
        with without_check_access():
            return cls.create(values)

    @classmethod
    def balances(cls, parties, metal=None, company=None):
        "Return {party id: fine balance} in metal (every metal without)"
        cursor = Transaction().connection.cursor()
        table = cls.__table__()
        if company is None:
            company = Transaction().context.get('company')
        result = {p.id: ZERO for p in parties}
        in_max = backend.MAX_QUERY_PARAMS
        for sub in grouped_slice([p.id for p in parties], in_max):
            where = table.party.in_(list(sub))
            if company is not None:
                where &= table.company == company
            if metal is not None:
                where &= table.metal == int(metal)
            cursor.execute(*table.select(
                    table.party, Sum(table.fine_weight), where=where,
                    group_by=[table.party]))
            for party_id, value in cursor:
                result[party_id] = grams(value or 0)
        return result


class Party(metaclass=PoolMeta):
    __name__ = 'party.party'

    gold_fine_balance = fields.Function(fields.Numeric(
            "Fine Gold Balance", digits=WEIGHT,
            help="Grams of fine gold in the metal ledger: above zero the "
            "party owes the shop, below zero the shop owes the party."),
        'get_gold_fine_balance')

    @classmethod
    def get_gold_fine_balance(cls, parties, name):
        pool = Pool()
        Line = pool.get('gold.ledger.line')
        Metal = pool.get('gold.metal')
        gold = Metal.search([('code', '=', 'gold')], limit=1)
        if not gold:
            return {p.id: None for p in parties}
        return Line.balances(parties, metal=gold[0])


_draft = {'readonly': Eval('state') != 'draft'}


class MetalDocument:
    "The defaults of a document that moves metal: company, today, draft"
    __slots__ = ()

    @classmethod
    def default_company(cls):
        return Transaction().context.get('company')

    @classmethod
    def default_state(cls):
        return 'draft'

    @classmethod
    def default_date(cls):
        return Pool().get('ir.date').today()


class MetalTransfer(MetalDocument, Workflow, ModelSQL, ModelView):
    __name__ = 'gold.metal.transfer'
    __string__ = "Metal Transfer"

    company = fields.Many2One(
        'company.company', "Company", required=True, states=_draft)
    kind = fields.Selection([
            ('issue', "Issue to Party"),
            ('receipt', "Receipt from Party"),
            ], "Kind", required=True, states=_draft,
        help="Issue: the shop's metal goes to the party (paying a supplier "
        "in fine gold, metal for a karigar).\n"
        "Receipt: the party's metal comes into the shop.")
    party = fields.Many2One(
        'party.party', "Party", required=True, states=_draft,
        context={'company': Eval('company', -1)}, depends={'company'})
    date = fields.Date("Date", required=True, states=_draft)
    metal = fields.Many2One(
        'gold.metal', "Metal", required=True, states=_draft)
    product = fields.Many2One(
        'product.product', "Product", required=True, states=_draft,
        context={'company': Eval('company', -1)}, depends={'company'},
        help="The metal kept by weight: bullion or old metal.")
    purity = fields.Many2One(
        'gold.purity', "Purity", required=True, states=_draft,
        domain=[('metal', '=', Eval('metal', -1))])
    gross_weight = fields.Numeric(
        "Gross Weight", digits=WEIGHT, required=True, states=_draft)
    fine_weight = fields.Function(fields.Numeric(
            "Fine Weight", digits=WEIGHT), 'on_change_with_fine_weight')
    location = fields.Many2One(
        'stock.location', "Location", required=True, states=_draft,
        domain=[('type', '=', 'storage')],
        help="Where the shop keeps the metal.")
    description = fields.Char("Description", states=_draft)
    move = fields.Many2One('stock.move', "Stock Move", readonly=True)
    ledger_line = fields.Many2One(
        'gold.ledger.line', "Ledger Line", readonly=True)
    state = fields.Selection([
            ('draft', "Draft"),
            ('done', "Done"),
            ('cancelled', "Cancelled"),
            ], "State", readonly=True, required=True)

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls._order = [('date', 'DESC'), ('id', 'DESC')]
        cls._transitions |= {
            ('draft', 'done'),
            ('draft', 'cancelled'),
            ('cancelled', 'draft'),
            }
        cls._buttons.update({
                'do': {
                    'invisible': Eval('state') != 'draft',
                    'depends': ['state'],
                    },
                'cancel': {
                    'invisible': Eval('state') != 'draft',
                    'depends': ['state'],
                    },
                'draft': {
                    'invisible': Eval('state') != 'cancelled',
                    'depends': ['state'],
                    },
                })

    @classmethod
    def default_kind(cls):
        return 'issue'

    @classmethod
    def default_location(cls):
        Location = Pool().get('stock.location')
        warehouses = Location.search([('type', '=', 'warehouse')], limit=1)
        if warehouses and warehouses[0].storage_location:
            return warehouses[0].storage_location.id

    @fields.depends('product', 'metal', 'purity', 'location')
    def on_change_product(self):
        """The metal and purity of the product; for a metal's old product
        (old gold, in lots per purity), the metal, the location of the
        product's last receipt into stock and the purity it holds most of"""
        pool = Pool()
        Metal = pool.get('gold.metal')
        StockPurity = pool.get('gold.stock.purity')
        if not self.product:
            return
        if self.product.gold_metal:
            self.metal = self.product.gold_metal
            self.purity = self.product.gold_purity
            return
        metals = Metal.search([('old_product', '=', self.product.id)], limit=1)
        if not metals:
            return
        self.metal, = metals
        move = self.gold_last_receipt()
        if move:
            self.location = move.to_location
            rows = StockPurity.search([
                    ('location', '=', self.location.id),
                    ('metal', '=', self.metal.id),
                    ])
            rows = [r for r in rows if (r.gross_weight or 0) > 0]
            if rows:
                self.purity = max(
                    rows, key=lambda r: (r.gross_weight, -r.id)).purity

    @fields.depends('product')
    def gold_last_receipt(self):
        "The product's last move done into a storage location, or None"
        Move = Pool().get('stock.move')
        moves = Move.search([
                ('product', '=', self.product.id),
                ('state', '=', 'done'),
                ('to_location.type', '=', 'storage'),
                ], order=[('effective_date', 'DESC'), ('id', 'DESC')],
            limit=1)
        return moves[0] if moves else None

    @fields.depends('gross_weight', 'purity')
    def on_change_with_fine_weight(self, name=None):
        if self.gross_weight is not None and self.purity:
            try:
                return fine_weight(self.gross_weight, self.purity.factor)
            except PricingError:
                return None

    def get_rec_name(self, name):
        kind = dict(self.__class__.kind.selection)[self.kind]
        return '%s %s g %s, %s' % (
            kind, self.gross_weight, self.purity.rec_name,
            self.party.rec_name)

    @property
    def party_location(self):
        "The location the metal comes from or goes to on the party's side"
        return self.party.supplier_location

    @property
    def signed_fine_weight(self):
        "The ledger's fine weight: issued above zero, received below"
        fine = self.on_change_with_fine_weight()
        return fine if self.kind == 'issue' else -fine

    @classmethod
    def check_transfers(cls, transfers):
        "Refuse, before anything is written, what cannot be moved"
        for transfer in transfers:
            name = transfer.rec_name
            if transfer.gross_weight <= 0:
                raise MetalTransferError(gettext(
                        'gold_ledger.msg_transfer_weight',
                        transfer=name, weight=transfer.gross_weight))
            product, metal = transfer.product, transfer.metal
            if not (product == metal.old_product
                    or (product.gold_metal == metal
                        and product.gold_sale_mode == 'weight')):
                raise MetalTransferError(gettext(
                        'gold_ledger.msg_transfer_product',
                        transfer=name, product=product.rec_name))
            if transfer.purity.metal != metal:
                raise MetalTransferError(gettext(
                        'gold_ledger.msg_transfer_purity_metal',
                        transfer=name, purity=transfer.purity.rec_name,
                        metal=metal.rec_name, product=product.rec_name))
            if not transfer.party_location:
                raise MetalTransferError(gettext(
                        'gold_ledger.msg_transfer_party_location',
                        transfer=name, party=transfer.party.rec_name))
        cls.check_stock([t for t in transfers if t.kind == 'issue'])

    @classmethod
    def check_stock(cls, transfers):
        "The metal issued is in stock, in its lot, at the location"
        pool = Pool()
        Product = pool.get('product.product')
        Lot = pool.get('stock.lot')
        for transfer in transfers:
            lot = Lot.gold_purity_lot(transfer.product, transfer.purity)
            with Transaction().set_context(company=transfer.company.id):
                quantities = Product.products_by_location(
                    [transfer.location.id], with_childs=True,
                    grouping=('product', 'lot'),
                    grouping_filter=([transfer.product.id], [lot.id]))
            available = grams(float(quantities.get(
                        (transfer.location.id, transfer.product.id, lot.id),
                        0)))
            if available < transfer.gross_weight:
                raise MetalTransferError(gettext(
                        'gold_ledger.msg_transfer_stock',
                        transfer=transfer.rec_name,
                        weight=transfer.gross_weight, lot=lot.rec_name,
                        location=transfer.location.rec_name,
                        available=available))

    def get_stock_move(self):
        "Return the stock move of the metal, by weight in its purity's lot"
        pool = Pool()
        Move = pool.get('stock.move')
        Lot = pool.get('stock.lot')
        if self.kind == 'issue':
            from_, to = self.location, self.party_location
        else:
            from_, to = self.party_location, self.location
        return Move(
            product=self.product, unit=self.product.default_uom,
            quantity=float(self.gross_weight),
            lot=Lot.gold_purity_lot(self.product, self.purity),
            from_location=from_, to_location=to, company=self.company,
            effective_date=self.date, planned_date=self.date,
            unit_price=self.product.cost_price or ZERO,
            currency=self.company.currency, origin=self)

    def get_ledger_line(self):
        "Return the values of the transfer's ledger line"
        return {
            'company': self.company.id,
            'party': self.party.id,
            'metal': self.metal.id,
            'date': self.date,
            'description': self.description or self.rec_name,
            'origin': str(self),
            'fine_weight': self.signed_fine_weight,
            }

    @classmethod
    @ModelView.button
    @Workflow.transition('done')
    def do(cls, transfers):
        pool = Pool()
        Move = pool.get('stock.move')
        Line = pool.get('gold.ledger.line')
        cls.check_transfers(transfers)
        moves = [t.get_stock_move() for t in transfers]
        Move.save(moves)
        Move.do(moves)
        lines = Line.post([t.get_ledger_line() for t in transfers])
        for transfer, move, line in zip(transfers, moves, lines):
            transfer.move, transfer.ledger_line = move, line
        cls.save(transfers)

    @classmethod
    @ModelView.button
    @Workflow.transition('cancelled')
    def cancel(cls, transfers):
        pass

    @classmethod
    @ModelView.button
    @Workflow.transition('draft')
    def draft(cls, transfers):
        pass

    @classmethod
    def check_modification(cls, mode, transfers, values=None,
            external=False):
        super().check_modification(
            mode, transfers, values=values, external=external)
        if mode == 'delete':
            for transfer in transfers:
                if transfer.state == 'done':
                    raise LedgerAccessError(gettext(
                            'gold_ledger.msg_transfer_delete_done',
                            transfer=transfer.rec_name))

    @classmethod
    def copy(cls, transfers, default=None):
        default = default.copy() if default is not None else {}
        default.setdefault('move')
        default.setdefault('ledger_line')
        return super().copy(transfers, default=default)
