"""Tagged pieces: a stock lot of one piece with weights, HUID and stones."""
import dataclasses
import datetime as dt
import re
from decimal import Decimal

from sql import Literal
from sql.aggregate import Sum
from sql.conditionals import Case

from trytond import backend
from trytond.i18n import gettext
from trytond.model import (
    Index, ModelSQL, ModelView, Unique, fields, sequence_ordered)
from trytond.modules.gold_rate.rows import convert_value
from trytond.pool import Pool, PoolMeta
from trytond.pyson import Bool, Eval
from trytond.rpc import RPC
from trytond.tools import grouped_slice
from trytond.transaction import Transaction

from .exceptions import (
    PieceValidationError, StoneValidationError, check_not_negative)
from .pricing import (
    MAKING_MODES, WASTAGE_MODES, PricingError, cents, fine_weight,
    price_piece)
from .product import MONEY, WEIGHT, quote_product, stone_input

HUID_RE = re.compile(r'^[A-Z0-9]{6}$')
HUID_EXEMPT_BELOW = Decimal(2)  # grams: articles under 2 g need no HUID
CARAT_IN_GRAMS = Decimal('0.2')
_gold = Bool(Eval('gold_purity'))
_gold_states = {'invisible': ~_gold}

# Lot field -> attribute of the pricing core's PriceBreakdown
PRICE_FIELDS = {
    'gold_metal_value': 'metal_value',
    'gold_making_amount': 'making',
    'gold_wastage_amount': 'wastage',
    'gold_stones_amount': 'stones',
    'gold_hallmark_amount': 'hallmark',
    'gold_taxable_amount': 'taxable',
    'gold_tax_amount': 'tax',
    'gold_sale_price': 'total',
    }
PRICE_DEPENDS = [
    'product', 'gold_purity', 'gold_gross_weight', 'gold_stone_weight',
    'gold_other_weight', 'gold_stones', 'gold_making_mode',
    'gold_making_value', 'gold_wastage_mode', 'gold_wastage_value']


def _price_field(string):
    return fields.Function(
        fields.Numeric(string, digits=MONEY, states=_gold_states),
        'get_price')


class Lot(metaclass=PoolMeta):
    __name__ = 'stock.lot'

    gold_barcode = fields.Char(
        "Barcode", help="Printed on the tag; the tag number if left empty.")
    gold_purity = fields.Function(
        fields.Many2One('gold.purity', "Purity"),
        'on_change_with_gold_purity', searcher='search_gold_purity')
    gold_weight_purity = fields.Many2One(
        'gold.purity', "Metal Purity", ondelete='RESTRICT',
        states={'readonly': Eval('id', -1) >= 0},
        help="The purity of a lot of metal kept by weight (bullion, old "
        "metal).")
    gold_tagged = fields.Function(
        fields.Boolean("Tagged Piece"), 'on_change_with_gold_tagged')
    gold_gross_weight = fields.Numeric(
        "Gross Weight", digits=WEIGHT, states={
            'invisible': ~_gold,
            'required': _gold & Eval('gold_tagged', True),
            }, help="In grams, everything included.")
    gold_stone_weight = fields.Numeric(
        "Stone Weight", digits=WEIGHT, states=_gold_states,
        help="In grams.")
    gold_other_weight = fields.Numeric(
        "Other Weight", digits=WEIGHT, states=_gold_states,
        help="In grams: beads, threads, lac and other parts that are not "
        "metal or stones.")
    gold_net_weight = fields.Function(fields.Numeric(
            "Net Weight", digits=WEIGHT, states=_gold_states),
        'get_weights')
    gold_fine_weight = fields.Function(fields.Numeric(
            "Fine Weight", digits=WEIGHT, states=_gold_states),
        'get_weights')
    gold_huid = fields.Char(
        "HUID", size=6, states=_gold_states,
        help="The 6 character hallmark unique identification.")
    gold_stones = fields.One2Many(
        'stock.lot.stone', 'lot', "Stones", states=_gold_states)
    gold_making_mode = fields.Selection(
        [(None, "Product Default")] + list(MAKING_MODES.items()),
        "Making Mode", states=_gold_states)
    gold_making_value = fields.Numeric(
        "Making Charge", digits=MONEY, states={
            'invisible': ~_gold | ~Eval('gold_making_mode'),
            })
    gold_wastage_mode = fields.Selection(
        [(None, "Product Default")] + list(WASTAGE_MODES.items()),
        "Wastage Mode", states=_gold_states)
    gold_wastage_value = fields.Numeric(
        "Wastage", digits=WEIGHT, states={
            'invisible': ~_gold | ~Eval('gold_wastage_mode'),
            })
    gold_cost_price = fields.Numeric("Cost", digits=MONEY)
    gold_rate = fields.Function(fields.Numeric(
            "Rate", digits=MONEY, states=_gold_states), 'get_price')
    gold_metal_value = _price_field("Metal Value")
    gold_making_amount = _price_field("Making")
    gold_wastage_amount = _price_field("Wastage Amount")
    gold_stones_amount = _price_field("Stones")
    gold_hallmark_amount = _price_field("Hallmark")
    gold_taxable_amount = _price_field("Taxable Value")
    gold_tax_amount = _price_field("Tax")
    gold_sale_price = _price_field("Price Today")

    @classmethod
    def __register__(cls, module):
        table_h = cls.__table_handler__(module)
        # Migration: what the suite adds to Tryton's models starts with
        # gold_ (doc/modules.md)
        for name in ['barcode', 'gross_weight', 'stone_weight',
                'other_weight', 'huid', 'making_mode', 'making_value',
                'wastage_mode', 'wastage_value', 'cost_price']:
            table_h.column_rename(name, 'gold_' + name)
        super().__register__(module)

    @classmethod
    def __setup__(cls):
        super().__setup__()
        t = cls.__table__()
        cls._sql_constraints += [
            ('huid_unique', Unique(t, t.gold_huid),
                'gold_product.msg_huid_unique_sql'),
            ('barcode_unique', Unique(t, t.gold_barcode),
                'gold_product.msg_barcode_unique'),
            ]
        # the counter finds a tag by its number among many pieces
        cls._sql_indexes.add(Index(t, (t.number, Index.Equality())))
        cls.__rpc__.update({
                'gold_quote': RPC(instantiate=0, readonly=True),
                })

    @classmethod
    def _shop_quantity_context(cls):
        "Count stock in the user's warehouse, or all, unless told where"
        pool = Pool()
        Location = pool.get('stock.location')
        context = Transaction().context
        if context.get('locations') or context.get('location'):
            return {}
        if context.get('warehouse'):
            locations = [context['warehouse']]
        else:
            locations = [w.id for w in Location.search(
                    [('type', '=', 'warehouse')])]
        return {'locations': locations, 'with_childs': True}

    @classmethod
    def get_quantity(cls, lots, name):
        with Transaction().set_context(cls._shop_quantity_context()):
            return super().get_quantity(lots, name)

    @classmethod
    def search_quantity(cls, name, domain=None):
        with Transaction().set_context(cls._shop_quantity_context()):
            return super().search_quantity(name, domain)

    @fields.depends('product', 'gold_weight_purity')
    def on_change_with_gold_purity(self, name=None):
        if self.gold_weight_purity:
            return self.gold_weight_purity
        if self.product:
            return self.product.gold_purity

    @fields.depends('product')
    def on_change_with_gold_tagged(self, name=None):
        "A lot of a product sold by weight (bullion) is metal by the gram"
        return bool(self.product and self.product.gold_purity
            and self.product.gold_sale_mode == 'tagged')

    @classmethod
    def search_gold_purity(cls, name, clause):
        return [('product.template.' + clause[0], *clause[1:])]

    @fields.depends('gold_gross_weight', 'gold_stone_weight',
        'gold_other_weight', 'product')
    def _weights(self):
        "Return (net weight, fine weight), None where they cannot be known"
        if self.gold_gross_weight is None:
            return None, None
        net = (self.gold_gross_weight - (self.gold_stone_weight or 0)
            - (self.gold_other_weight or 0))
        purity = self.product.gold_purity if self.product else None
        if not purity:
            return net, None
        try:
            return net, fine_weight(net, purity.factor)
        except PricingError:
            return net, None

    @classmethod
    def get_weights(cls, lots, names):
        result = {n: {} for n in names}
        for lot in lots:
            net, fine = lot._weights()
            if 'gold_net_weight' in names:
                result['gold_net_weight'][lot.id] = net
            if 'gold_fine_weight' in names:
                result['gold_fine_weight'][lot.id] = fine
        return result

    @fields.depends('gold_huid')
    def on_change_gold_huid(self):
        if self.gold_huid:
            self.gold_huid = self.gold_huid.strip().upper()

    @fields.depends('gold_stones', 'gold_stone_weight', methods=['set_price'])
    def on_change_gold_stones(self):
        carats = sum((s.carats or 0 for s in self.gold_stones), Decimal(0))
        if carats and not self.gold_stone_weight:
            self.gold_stone_weight = (carats * CARAT_IN_GRAMS).quantize(
                Decimal('0.001'))
        self.set_price()

    @fields.depends(methods=['set_price'])
    def on_change_product(self):
        if hasattr(super(), 'on_change_product'):
            super().on_change_product()
        self.set_price()

    @fields.depends(methods=['set_price'])
    def on_change_gold_gross_weight(self):
        self.set_price()

    @fields.depends(methods=['set_price'])
    def on_change_gold_stone_weight(self):
        self.set_price()

    @fields.depends(methods=['set_price'])
    def on_change_gold_other_weight(self):
        self.set_price()

    @fields.depends(methods=['set_price'])
    def on_change_gold_making_mode(self):
        self.set_price()

    @fields.depends(methods=['set_price'])
    def on_change_gold_making_value(self):
        self.set_price()

    @fields.depends(methods=['set_price'])
    def on_change_gold_wastage_mode(self):
        self.set_price()

    @fields.depends(methods=['set_price'])
    def on_change_gold_wastage_value(self):
        self.set_price()

    @fields.depends(*PRICE_DEPENDS, methods=['_weights'])
    def set_price(self):
        "Fill the weights and the price fields at the current rate"
        pool = Pool()
        Rate = pool.get('gold.rate')
        self.gold_net_weight, self.gold_fine_weight = self._weights()
        breakdown, rate = None, None
        company = self._gold_company()
        if (self.product and self.product.gold_purity and company
                and self.gold_gross_weight):
            purity = self.product.gold_rate_purity(company)
            rate = Rate.rates_at([purity], company=company)[purity.id]
            if rate:
                try:
                    breakdown = self.compute_price(rate, company)
                except PricingError:
                    pass
        self._set_breakdown(breakdown, rate)

    def _set_breakdown(self, breakdown, rate):
        self.gold_rate = rate.sell_rate if rate and breakdown else None
        for fname, attr in PRICE_FIELDS.items():
            setattr(self, fname,
                getattr(breakdown, attr) if breakdown else None)

    @staticmethod
    def _gold_company():
        pool = Pool()
        Company = pool.get('company.company')
        company_id = Transaction().context.get('company')
        if company_id is not None and company_id >= 0:
            return Company(company_id)

    def gold_price_input(self, company, rate, **kwargs):
        """Return the pricing core's PriceInput of the piece at rate per
        gram, as the product's gold_price_input with the piece's weights"""
        making = wastage = None
        if self.gold_making_mode:
            making = (self.gold_making_mode, self.gold_making_value)
        if self.gold_wastage_mode:
            wastage = (self.gold_wastage_mode, self.gold_wastage_value)
        return self.product.gold_price_input(
            company, rate, self.gold_gross_weight,
            stone_weight=self.gold_stone_weight,
            other_weight=self.gold_other_weight,
            stones=[stone_input(s) for s in self.gold_stones],
            making=making, wastage=wastage, **kwargs)

    def compute_price(self, rate, company, **kwargs):
        "Return the PriceBreakdown of the piece at rate"
        return price_piece(self.gold_price_input(
                company, rate.exact_sell_rate, **kwargs))

    def quote_at(self, at=None, company=None, **kwargs):
        """Return (rate, PriceBreakdown) of the piece at the rate in force
        at the moment at; fails without a rate for that day"""
        return quote_product(
            self.product, self.number, at, company,
            lambda rate, company: self.gold_price_input(
                company, rate.exact_sell_rate, **kwargs))

    def price_at(self, at=None, company=None, **kwargs):
        "Return the PriceBreakdown of the piece at the moment at"
        return self.quote_at(at, company, **kwargs)[1]

    @classmethod
    def gold_quote(cls, lots, at=None):
        """Return the price breakdown of each piece at the rate in force at
        the moment at (now by default) as dictionaries"""
        Rate = Pool().get('gold.rate')
        # the caller reads the pieces: their access and record rules
        cls.read([l.id for l in lots], ['number'])
        at = convert_value(Rate, 'valid_from', at)
        return [dataclasses.asdict(l.price_at(at)) for l in lots]

    @classmethod
    def get_price(cls, lots, names):
        pool = Pool()
        Rate = pool.get('gold.rate')
        result = {n: {l.id: None for l in lots} for n in names}
        company = cls._gold_company()
        gold_lots = [l for l in lots if l.product.gold_purity]
        if not company or not gold_lots:
            return result
        purities = {l.product.gold_rate_purity(company) for l in gold_lots}
        rates = Rate.rates_at(purities, dt.datetime.now(), company)
        for lot in gold_lots:
            rate = rates[lot.product.gold_rate_purity(company).id]
            if not rate or not lot.gold_gross_weight:
                continue
            try:
                breakdown = lot.compute_price(rate, company)
            except PricingError:
                continue
            for name in names:
                if name == 'gold_rate':
                    value = rate.sell_rate
                else:
                    value = getattr(breakdown, PRICE_FIELDS[name])
                result[name][lot.id] = value
        return result

    @classmethod
    def search_rec_name(cls, name, clause):
        domain = super().search_rec_name(name, clause)
        _, operator, operand, *extra = clause
        if operator.startswith('!') or operator.startswith('not '):
            bool_op = 'AND'
        else:
            bool_op = 'OR'
        return [bool_op, domain,
            ('gold_barcode', operator, operand, *extra),
            ('gold_huid', operator, operand, *extra),
            ]

    @classmethod
    def pieces_in_stock(cls, lots, location):
        """Return the ids of lots that are in stock in location or below: in
        by a done move, not out by a done or assigned one. One query on the
        pieces' moves, where the lot's quantity field computes the stock of
        every product of the location"""
        pool = Pool()
        Location = pool.get('stock.location')
        Move = pool.get('stock.move')
        move = Move.__table__()
        cursor = Transaction().connection.cursor()
        locations = [l.id for l in Location.search([
                    ('parent', 'child_of', [location.id]),
                    ])]
        inside = fields.SQL_OPERATORS['in']
        came_in = (inside(move.to_location, locations)
            & (move.state == 'done'))
        went_out = (inside(move.from_location, locations)
            & move.state.in_(['done', 'assigned']))
        quantity = Sum(
            Case((came_in, move.internal_quantity), else_=0)
            - Case((went_out, move.internal_quantity), else_=0))
        result = set()
        for sub_ids in grouped_slice(
                [int(l) for l in lots], backend.MAX_QUERY_PARAMS):
            cursor.execute(*move.select(move.lot,
                    where=move.lot.in_(list(sub_ids)),
                    group_by=[move.lot],
                    having=quantity >= 1))
            result.update(lot for lot, in cursor)
        return result

    @staticmethod
    def gold_scan_codes(code):
        """The codes a scanned or typed code may be stored as: without its
        spaces, as typed and in capitals (tags, barcodes and HUIDs are
        printed in capitals; a cashier may type them in small letters)"""
        code = ''.join((code or '').split())
        return sorted({code, code.upper()}) if code else []

    @classmethod
    def gold_scanned(cls, code, limit=2):
        """Return the active pieces whose tag number, barcode or HUID is
        code (gold_scan_codes). One query whose parts each use the column's
        index: a domain on barcode or HUID compares COALESCE(column, '') and
        reads the whole table"""
        codes = cls.gold_scan_codes(code)
        if not codes:
            return []
        table = cls.__table__()
        cursor = Transaction().connection.cursor()
        query = None
        for column, values in [
                (table.gold_barcode, codes),
                (table.gold_huid, [codes[0].upper()]),
                (table.number, codes)]:
            select = table.select(table.id,
                where=column.in_(values) & (table.active == Literal(True)))
            query = select if query is None else query | select
        cursor.execute(*query)
        return cls.browse(sorted({id_ for id_, in cursor})[:limit])

    @classmethod
    def preprocess_values(cls, mode, values):
        values = super().preprocess_values(mode, values)
        if values.get('gold_huid'):
            values['gold_huid'] = values['gold_huid'].strip().upper()
        if mode == 'create' and not values.get('gold_barcode') \
                and values.get('number'):
            values['gold_barcode'] = values['number']
        return values

    @classmethod
    def copy(cls, lots, default=None):
        default = default.copy() if default else {}
        default.setdefault('gold_huid', None)
        default.setdefault('gold_barcode', None)
        return super().copy(lots, default=default)

    @classmethod
    def validate_fields(cls, lots, field_names):
        super().validate_fields(lots, field_names)
        if field_names & {'gold_gross_weight', 'gold_stone_weight',
                'gold_other_weight', 'product'}:
            for lot in lots:
                lot.check_weights()
        amounts = [
            'gold_cost_price', 'gold_making_value', 'gold_wastage_value']
        if field_names & set(amounts):
            for lot in lots:
                check_not_negative(
                    lot, amounts,
                    PieceValidationError, 'gold_product.msg_weight_negative',
                    piece=lot.number)
        if field_names & {'gold_huid', 'gold_gross_weight', 'product'}:
            cls.check_huid(lots)

    def check_weights(self):
        if (not self.on_change_with_gold_tagged()
                and self.gold_gross_weight is None):
            return
        gross = self.gold_gross_weight
        if gross is None or gross <= 0:
            raise PieceValidationError(gettext(
                    'gold_product.msg_gross_weight_positive',
                    weight=gross, piece=self.number))
        maximum = (self.product.template.gold_max_gross_weight
            if self.product else None)
        if maximum and gross > maximum:
            raise PieceValidationError(gettext(
                    'gold_product.msg_gross_weight_maximum',
                    weight=gross, piece=self.number, maximum=maximum,
                    product=self.product.rec_name))
        check_not_negative(
            self, ['gold_stone_weight', 'gold_other_weight'],
            PieceValidationError,
            'gold_product.msg_weight_negative', piece=self.number)
        stone = self.gold_stone_weight or 0
        other = self.gold_other_weight or 0
        if stone + other > gross:
            raise PieceValidationError(gettext(
                    'gold_product.msg_weights_exceed_gross',
                    stone=stone, other=other, gross=gross,
                    piece=self.number))

    @property
    def huid_required(self):
        template = self.product.template
        return bool(template.gold_purity and template.gold_hallmarked
            and (self.gold_gross_weight or 0) >= HUID_EXEMPT_BELOW)

    @classmethod
    def check_huid(cls, lots):
        for lot in lots:
            if lot.gold_huid and not HUID_RE.match(lot.gold_huid):
                raise PieceValidationError(gettext(
                        'gold_product.msg_huid_format',
                        huid=lot.gold_huid, piece=lot.number))
            if not lot.gold_huid and lot.huid_required:
                raise PieceValidationError(gettext(
                        'gold_product.msg_huid_required',
                        piece=lot.number))

    @classmethod
    def create(cls, vlist):
        cls.check_huid_unique([
                (v.get('number'), v.get('gold_huid'), None) for v in vlist])
        return super().create(vlist)

    @classmethod
    def write(cls, *args):
        actions = iter(args)
        entries = []
        for lots, values in zip(actions, actions):
            if values.get('gold_huid'):
                entries.extend(
                    (l.number, values['gold_huid'], l.id) for l in lots)
        cls.check_huid_unique(entries)
        super().write(*args)

    @classmethod
    def check_huid_unique(cls, entries):
        """Refuse a HUID used by another piece, before the database does,
        so the message names both pieces; entries are (piece, HUID, id)"""
        for _, error in cls.huid_conflicts(entries):
            raise error

    @classmethod
    def huid_conflicts(cls, entries):
        """Return [(index, error)] of the entries (piece, HUID, id or None)
        whose HUID is used by another piece or by an earlier entry"""
        entries = [(i, n, h.strip().upper(), id_)
            for i, (n, h, id_) in enumerate(entries) if h]
        if not entries:
            return []
        huids = [h for _, _, h, _ in entries]
        ids = [id_ for _, _, _, id_ in entries if id_ is not None]
        others = {}
        for sub_huids in grouped_slice(huids, backend.MAX_QUERY_PARAMS // 2):
            for other in cls.search([
                        ('gold_huid', 'in', list(sub_huids)),
                        ('id', 'not in', ids),
                        ('active', 'in', [True, False]),
                        ]):
                others[other.gold_huid] = other.number
        conflicts = []
        for index, name, huid, _ in entries:
            if huid in others:
                conflicts.append((index, PieceValidationError(gettext(
                                'gold_product.msg_huid_unique',
                                huid=huid, piece=name, other=others[huid]))))
            else:
                others[huid] = name
        return conflicts

    @classmethod
    def gold_purity_lot(cls, product, purity):
        """Return the lot of product kept by weight at purity, created when
        missing: 24K999 for bullion, OLD-22K916 for old metal"""
        number = purity.rec_name
        if product == purity.metal.old_product:
            number = 'OLD-%s' % number
        return cls.gold_weight_lot(product, number, purity)

    @classmethod
    def gold_weight_lot(cls, product, number, purity=None):
        """Return product's lot number, created when missing: the lot of a
        metal kept by weight (bullion of a purity, old gold)"""
        lots = cls.search([
                ('product', '=', product.id),
                ('number', '=', number),
                ], limit=1)
        if lots:
            return lots[0]
        lot = cls(product=product, number=number, gold_weight_purity=purity)
        lot.save()
        return lot

    @classmethod
    def _by_number(cls, numbers):
        "Return {number: piece} of the existing pieces with these numbers"
        result = {}
        for sub in grouped_slice(numbers, backend.MAX_QUERY_PARAMS // 2):
            for lot in cls.search([('number', 'in', list(sub))]):
                result[lot.number] = lot
        return result


class Move(metaclass=PoolMeta):
    __name__ = 'stock.move'

    gold_tagged = fields.Function(
        fields.Boolean("Tagged Product"), 'on_change_with_gold_tagged')

    @classmethod
    def __setup__(cls):
        super().__setup__()
        # a tagged piece's lot is made with its weights (Tag Pieces on a
        # supplier shipment, or the piece's own form), never by Add Lots
        button = cls._buttons['add_lots_wizard']
        button['invisible'] = (
            button.get('invisible', False) | Eval('gold_tagged', False))
        button['depends'] = list(button.get('depends', [])) + ['gold_tagged']

    @fields.depends('product')
    def on_change_with_gold_tagged(self, name=None):
        return bool(self.product and self.product.gold_sale_mode == 'tagged')

    def _do(self):
        """A tagged piece moves at its own cost, in, out, counted or
        transferred, whatever the product's cost method (which still
        consumes its layers)"""
        lot = self.lot
        if (lot and self.cost_price is None and self.cost_price_required
                and lot.gold_cost_price is not None and lot.gold_tagged):
            self.cost_price = lot.gold_cost_price
        return super()._do()


class LotStone(sequence_ordered(), ModelSQL, ModelView):
    __name__ = 'stock.lot.stone'
    __string__ = 'Stone of a Piece'
    lot = fields.Many2One(
        'stock.lot', "Piece", required=True, ondelete='CASCADE')
    stone_type = fields.Selection([
            ('diamond', "Diamond"),
            ('ruby', "Ruby"),
            ('emerald', "Emerald"),
            ('sapphire', "Sapphire"),
            ('pearl', "Pearl"),
            ('polki', "Polki"),
            ('kundan', "Kundan"),
            ('cz', "Cubic Zirconia"),
            ('other', "Other"),
            ], "Type", required=True)
    description = fields.Char("Description")
    pieces = fields.Integer("Pieces")
    carats = fields.Numeric("Carats", digits=WEIGHT)
    rate_per = fields.Selection([
            ('carat', "Per Carat"),
            ('piece', "Per Piece"),
            ], "Rate Per", required=True)
    rate = fields.Numeric("Rate", digits=MONEY)
    certificate_lab = fields.Selection([
            (None, ""),
            ('IGI', "IGI"),
            ('GIA', "GIA"),
            ('SGL', "SGL"),
            ('HRD', "HRD"),
            ('IIGJ', "IIGJ"),
            ('other', "Other"),
            ], "Certificate Lab")
    certificate_number = fields.Char(
        "Certificate Number", states={
            'required': Bool(Eval('certificate_lab')),
            })
    certificate_charge = fields.Numeric("Certificate Charge", digits=MONEY)
    amount = fields.Function(
        fields.Numeric("Amount", digits=MONEY), 'on_change_with_amount')

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls.__access__.add('lot')

    @classmethod
    def default_pieces(cls):
        return 1

    @classmethod
    def default_rate_per(cls):
        return 'carat'

    @fields.depends(
        'pieces', 'carats', 'rate', 'rate_per', 'certificate_charge')
    def on_change_with_amount(self, name=None):
        try:
            return cents(stone_input(self).value())
        except PricingError:
            return None

    def get_rec_name(self, name):
        return self.stone_name

    @property
    def stone_name(self):
        types = dict(self.__class__.stone_type.selection)
        return (getattr(self, 'description', None)
            or types.get(getattr(self, 'stone_type', None), ''))

    @classmethod
    def validate_fields(cls, stones, field_names):
        super().validate_fields(stones, field_names)
        for stone in stones:
            stone.check_quantities()

    def check_quantities(self):
        piece = self.lot.number
        if (self.carats is not None or self.rate_per == 'carat') \
                and (self.carats or 0) <= 0:
            raise StoneValidationError(gettext(
                    'gold_product.msg_stone_carats_positive',
                    carats=self.carats, stone=self.stone_name, piece=piece))
        if self.rate_per == 'piece' and (self.pieces or 0) <= 0:
            raise StoneValidationError(gettext(
                    'gold_product.msg_stone_pieces_positive',
                    pieces=self.pieces, stone=self.stone_name, piece=piece))
        check_not_negative(
            self, ['rate', 'certificate_charge'], StoneValidationError,
            'gold_product.msg_stone_negative',
            stone=self.stone_name, piece=piece)


class MoveAddLots(metaclass=PoolMeta):
    "Lots of numbers only are for goods, not for tagged pieces"
    __name__ = 'stock.move.add.lots'

    def default_start(self, fields):
        if self.record.on_change_with_gold_tagged():
            raise PieceValidationError(gettext(
                    'gold_product.msg_add_lots_tagged',
                    product=self.record.product.rec_name))
        return super().default_start(fields)
