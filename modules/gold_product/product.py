import dataclasses
from decimal import Decimal

from trytond.cache import Cache
from trytond.i18n import gettext
from trytond.model import fields
from trytond.modules.gold_rate.rows import convert_value
from trytond.pool import Pool, PoolMeta
from trytond.pyson import Bool, Eval, Id
from trytond.rpc import RPC
from trytond.transaction import Transaction

from .exceptions import (
    GoldPricingError, PieceValidationError, check_not_negative)
from .pricing import (
    HALLMARK_MODES, MAKING_MODES, WASTAGE_MODES, WEIGHT_BASES, PriceInput,
    PricingError, Stone, TaxTerm, price_piece)

MONEY = (16, 2)
WEIGHT = (16, 3)
# the heaviest piece a product has unless it says (grams): silver articles
# of a few kilograms pass, a mistyped billion grams does not
DEFAULT_MAX_GROSS_WEIGHT = Decimal('10000.000')
_gold = Bool(Eval('gold_purity'))


def tax_terms(taxes, date):
    """Return the pricing core's TaxTerm of each tax Tryton computes for
    taxes on the date (their start and end dates, children, percentages and
    fixed amounts): Tryton's tax computation at a unit price of 0 and of 1
    gives each tax's fixed amount and rate. A tax on the price with taxes
    raises PricingError naming it."""
    Tax = Pool().get('account.tax')
    taxes = list(taxes)
    if not taxes:
        return ()
    at_zero = Tax.compute(taxes, Decimal(0), 1, date)
    at_one = Tax.compute(taxes, Decimal(1), 1, date)
    terms = []
    for zero, one in zip(at_zero, at_one):
        tax = one['tax']
        if zero['base'] != 0 or one['base'] != 1:
            raise PricingError(f'tax "{tax.name}"', "the pricing core "
                "computes taxes on the taxable value only, not on the price "
                "with other taxes")
        terms.append(TaxTerm(
                name=tax.name, rate=one['amount'] - zero['amount'],
                amount=zero['amount'], key=tax.id,
                group=tax.parent.id if tax.parent else None))
    return tuple(terms)


class Metal(metaclass=PoolMeta):
    __name__ = 'gold.metal'

    old_product = fields.Many2One(
        'product.product', "Old Metal Product", ondelete='RESTRICT',
        domain=[
            ('type', '=', 'goods'),
            ('default_uom.category', '=', Id('product', 'uom_cat_weight')),
            ],
        help="The product old metal bought back or taken in exchange enters "
        "stock as, by weight, in a lot per purity.")


class Template(metaclass=PoolMeta):
    __name__ = 'product.template'

    gold_metal = fields.Many2One(
        'gold.metal', "Metal", ondelete='RESTRICT',
        states={'invisible': ~Eval('type').in_(['goods', 'assets'])})
    gold_purity = fields.Many2One(
        'gold.purity', "Purity", ondelete='RESTRICT',
        domain=[('metal', '=', Eval('gold_metal', -1))],
        states={
            'invisible': ~Eval('gold_metal'),
            'required': Bool(Eval('gold_metal')),
            },
        help="Set on jewellery and bullion: they are priced from the "
        "day's rate of this purity.")
    gold_sale_mode = fields.Selection([
            (None, ""),
            ('tagged', "Tagged Pieces"),
            ('weight', "By Weight"),
            ], "Sold As",
        states={'invisible': ~_gold, 'required': _gold},
        help="Tagged pieces are stock lots of one piece each; "
        "bullion and loose metal sell by weight.")
    gold_weight_basis = fields.Selection(
        [(None, "Company Default")] + list(WEIGHT_BASES.items()),
        "Weight Basis", states={'invisible': ~_gold})
    gold_making_mode = fields.Selection(
        list(MAKING_MODES.items()), "Making Mode",
        states={'invisible': ~_gold, 'required': _gold})
    gold_making_value = fields.Numeric(
        "Making Charge", digits=MONEY, states={'invisible': ~_gold},
        help="A percentage, an amount per gram or per piece, or an amount, "
        "depending on the making mode.")
    gold_making_minimum = fields.Numeric(
        "Minimum Making", digits=MONEY, states={'invisible': ~_gold},
        help="The making charge of a piece is at least this amount.")
    gold_wastage_mode = fields.Selection(
        list(WASTAGE_MODES.items()), "Wastage Mode",
        states={'invisible': ~_gold, 'required': _gold})
    gold_wastage_value = fields.Numeric(
        "Wastage", digits=WEIGHT,
        states={
            'invisible': ~_gold | (Eval('gold_wastage_mode') == 'none'),
            },
        help="A percentage or a number of grams, depending on the mode.")
    gold_hallmark_charge = fields.Numeric(
        "Hallmark Charge", digits=MONEY, states={'invisible': ~_gold},
        help="Charged per piece.")
    gold_hallmark_mode = fields.Selection(
        [(None, "Company Default")] + list(HALLMARK_MODES.items()),
        "Hallmark Fee", sort=False, states={'invisible': ~_gold},
        help="How the hallmark fee of a piece of this product is billed.")
    gold_hallmarked = fields.Boolean(
        "Hallmarked", states={'invisible': ~_gold},
        help="Pieces of 2 g or more need a HUID.")
    gold_hsn_code = fields.Char("HSN Code", size=8)
    gold_max_gross_weight = fields.Numeric(
        "Maximum Gross Weight", digits=WEIGHT,
        domain=['OR',
            ('gold_max_gross_weight', '=', None),
            ('gold_max_gross_weight', '>', 0),
            ],
        states={'invisible': ~_gold},
        help="No piece of the product weighs more (grams): a weight "
        "above it is a mistyped one.")
    _gold_taxes_cache = Cache('product.template.gold_taxes', context=False)

    @classmethod
    def __register__(cls, module):
        table_h = cls.__table_handler__(module)
        # Migration: what the suite adds to Tryton's models starts with
        # gold_ (doc/modules.md)
        for name in ['making_mode', 'making_value', 'making_minimum',
                'wastage_mode', 'wastage_value', 'hallmark_charge',
                'hallmark_mode', 'hallmarked', 'hsn_code']:
            table_h.column_rename(name, 'gold_' + name)
        super().__register__(module)

    @classmethod
    def default_gold_making_mode(cls):
        return 'percent'

    @classmethod
    def default_gold_max_gross_weight(cls):
        return DEFAULT_MAX_GROSS_WEIGHT

    @classmethod
    def default_gold_wastage_mode(cls):
        return 'none'

    @fields.depends('gold_metal', 'gold_purity')
    def on_change_gold_metal(self):
        if self.gold_purity and self.gold_purity.metal != self.gold_metal:
            self.gold_purity = None

    @fields.depends(
        'gold_purity', 'gold_hsn_code', 'gold_metal', 'gold_hallmarked')
    def on_change_gold_purity(self):
        if self.gold_purity:
            if self.gold_purity.hsn_code:
                self.gold_hsn_code = self.gold_purity.hsn_code
            self.gold_metal = self.gold_purity.metal
            if not self.gold_hallmarked:
                self.gold_hallmarked = self.gold_metal.code == 'gold'

    @classmethod
    def validate_fields(cls, templates, field_names):
        super().validate_fields(templates, field_names)
        names = {'gold_making_value', 'gold_making_minimum',
            'gold_wastage_value', 'gold_hallmark_charge'}
        if field_names & names:
            for template in templates:
                check_not_negative(
                    template, sorted(names), PieceValidationError,
                    'gold_product.msg_making_value_negative',
                    product=template.rec_name)

    @property
    def is_gold(self):
        return bool(self.gold_purity)

    def gold_basis(self, company):
        return self.gold_weight_basis or company.gold_weight_basis or 'net'

    def gold_hallmark_billing(self, company):
        "How the product's hallmark fee is billed"
        return (self.gold_hallmark_mode or company.gold_hallmark_mode
            or 'taxable')

    def gold_rate_purity(self, company):
        "The purity whose rate prices this product's metal"
        if (self.gold_basis(company) == 'fine'
                and self.gold_metal.base_purity):
            return self.gold_metal.base_purity
        return self.gold_purity

    @classmethod
    def write(cls, *args):
        cls._gold_taxes_cache.clear()
        super().write(*args)

    def gold_taxes(self, date=None):
        """Return the pricing core's TaxTerm of the sale taxes on the date
        (today by default), cached until a template, a category or a tax
        changes"""
        if date is None:
            date = Pool().get('ir.date').today()
        key = (self.id, Transaction().context.get('company'), str(date))
        if self.id is not None and self.id >= 0:
            taxes = self._gold_taxes_cache.get(key)
            if taxes is None:
                taxes = self._gold_taxes(date)
                self._gold_taxes_cache.set(key, taxes)
            return taxes
        return self._gold_taxes(date)

    def _gold_taxes(self, date):
        # No account category means no sale tax, as on a bill without taxes
        return tax_terms(self.get_taxes('customer_taxes_used') or [], date)

    def gold_price_input(
            self, company, rate, gross_weight, stone_weight=None,
            other_weight=None, stones=(), making=None, wastage=None,
            discount=None, pieces=1, taxes=None, hallmark_taxes=None):
        """Return the PriceInput of the pricing core for this product.

        making and wastage are (mode, value) overrides; rate is the per gram
        rate of gold_rate_purity; taxes and hallmark_taxes the terms of the
        place of supply (the product's and the company's hallmark service
        tax by default)."""
        making_mode, making_value = making or (
            self.gold_making_mode, self.gold_making_value)
        wastage_mode, wastage_value = wastage or (
            self.gold_wastage_mode, self.gold_wastage_value)
        discount_mode, discount_value = discount or ('none', None)
        hallmark_mode = self.gold_hallmark_billing(company)
        if hallmark_mode != 'service':
            hallmark_taxes = ()
        elif hallmark_taxes is None:
            if not company.gold_hallmark_tax:
                raise PricingError('hallmark fee', "it is billed as a "
                    "service, but the company has no hallmark service tax")
            hallmark_taxes = company.gold_hallmark_terms()
        return PriceInput(
            gross_weight=gross_weight,
            stone_weight=stone_weight or Decimal(0),
            other_weight=other_weight or Decimal(0),
            factor=self.gold_purity.factor,
            rate=rate,
            weight_basis=self.gold_basis(company),
            making_mode=making_mode or 'percent',
            making_value=making_value or Decimal(0),
            making_minimum=self.gold_making_minimum or Decimal(0),
            wastage_mode=wastage_mode or 'none',
            wastage_value=wastage_value or Decimal(0),
            stones=tuple(stones),
            hallmark_charge=self.gold_hallmark_charge or Decimal(0),
            hallmark_mode=hallmark_mode,
            hallmark_taxes=hallmark_taxes,
            discount_mode=discount_mode,
            discount_value=discount_value or Decimal(0),
            taxes=self.gold_taxes() if taxes is None else taxes,
            rounding=company.gold_rounding,
            pieces=pieces,
            )


class Product(metaclass=PoolMeta):
    __name__ = 'product.product'

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls.__rpc__.update({
                'gold_weight_quote': RPC(instantiate=0, readonly=True),
                })

    @classmethod
    def gold_weight_quote(cls, products, weight, at=None):
        """Return the price breakdown, as dictionaries, of weight grams of
        each product sold by weight at the rate in force at the moment at"""
        pool = Pool()
        Lot = pool.get('stock.lot')
        Rate = pool.get('gold.rate')
        # the caller reads the products: their access and record rules
        cls.read([p.id for p in products], ['id'])
        weight = convert_value(Lot, 'gold_gross_weight', weight)
        at = convert_value(Rate, 'valid_from', at)
        return [dataclasses.asdict(p.gold_price_by_weight(weight, at))
            for p in products]

    def gold_rate_purity(self, company):
        return self.template.gold_rate_purity(company)

    def gold_price_input(self, *args, **kwargs):
        return self.template.gold_price_input(*args, **kwargs)

    def gold_price_by_weight(self, weight, at=None, company=None):
        """Price weight grams of a product sold by weight at the rate in
        force at the moment at"""
        _, breakdown = self.gold_quote_by_weight(weight, at, company)
        return breakdown

    def gold_quote_by_weight(self, weight, at=None, company=None, **kwargs):
        "Return (rate, PriceBreakdown) of weight grams at the moment at"
        return quote_product(
            self, self.rec_name, at, company,
            lambda rate, company: self.gold_price_input(
                company, rate.exact_sell_rate, weight, **kwargs))


def quote_product(product, piece, at, company, price_input):
    """Return (rate, PriceBreakdown) at the rate of product in force at the
    moment at; price_input(rate, company) gives the pricing core's input.
    Fails naming the metal and purity without a rate for that day, and
    naming piece on bad input."""
    pool = Pool()
    Rate = pool.get('gold.rate')
    company = Rate._get_company(company)
    rate = Rate.rate_at(product.gold_rate_purity(company), at, company)
    return rate, price_with(rate, piece, company, price_input)


def price_with(rate, piece, company, price_input):
    """Return the PriceBreakdown at the gold.rate record rate, naming piece
    on bad input"""
    try:
        return price_piece(price_input(rate, company))
    except PricingError as e:
        raise GoldPricingError(gettext(
                'gold_product.msg_pricing_error',
                piece=piece, error=e)) from e


def stone_input(stone):
    "Return the pricing core Stone of a stone record"
    return Stone(
        pieces=stone.pieces or 0,
        carats=stone.carats or Decimal(0),
        rate=stone.rate or Decimal(0),
        rate_per=stone.rate_per or 'carat',
        certificate_charge=stone.certificate_charge or Decimal(0))
