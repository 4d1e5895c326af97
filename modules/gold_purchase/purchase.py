"""Buying gold: a purchase line of jewellery or bullion carries the
supplier's weights, purity, rate per gram, making and stones, and its price
is the pricing core's (without taxes: Tryton's supplier taxes apply)."""
import datetime as dt
from collections import defaultdict
from decimal import Decimal

from trytond.i18n import gettext
from trytond.model import fields
from trytond.modules.gold_product.pricing import (
    MAKING_MODES, WASTAGE_MODES, PriceInput, PricingError, Stone, grams,
    price_piece)
from trytond.modules.gold_product.product import MONEY, WEIGHT
from trytond.modules.product import round_price
from trytond.pool import Pool, PoolMeta
from trytond.pyson import Bool, Eval

from .exceptions import PurchaseGoldError



class Configuration(metaclass=PoolMeta):
    __name__ = 'purchase.configuration'

    gold_receipt_tolerance = fields.Numeric(
        "Receipt Weight Tolerance (g)", digits=WEIGHT,
        help="How far the gross weight of the pieces tagged at receipt may "
        "differ from the supplier's document, per purchase line, in grams "
        "(the stock configuration has the tolerance of transfers and "
        "counts).")

    gold_interstate_tax_rule = fields.Many2One(
        'account.tax.rule', "Inter-state Tax Rule",
        domain=[
            ('kind', 'in', ['purchase', 'both']),
            ('company', '=', Eval('context', {}).get('company', -1)),
            ],
        help="Applied to the supplier taxes of a purchase from another "
        "state than the shop's (IGST for CGST + SGST), unless the supplier "
        "has its own supplier tax rule.")

    @classmethod
    def __register__(cls, module):
        table_h = cls.__table_handler__(module)
        # Migration: one name for the tolerance of receipts and of stock
        table_h.column_rename(
            'gold_weight_tolerance', 'gold_receipt_tolerance')
        super().__register__(module)

    @classmethod
    def default_gold_receipt_tolerance(cls):
        return Decimal('0.010')


def state_of(address):
    "The state (subdivision) of an address, or None"
    return address.subdivision if address else None


class Purchase(metaclass=PoolMeta):
    __name__ = 'purchase.purchase'

    @classmethod
    def quote(cls, purchases):
        cls.check_returns(purchases)
        super().quote(purchases)

    @property
    def gold_supplier_state(self):
        "The state the supplier bills from"
        address = getattr(self, 'invoice_address', None)
        if not address and getattr(self, 'party', None):
            address = self.party.address_get(type='invoice')
        return state_of(address)

    @property
    def gold_shop_state(self):
        "The state of the warehouse receiving the goods, or the company's"
        warehouse = getattr(self, 'warehouse', None)
        address = warehouse.address if warehouse else None
        company = getattr(self, 'company', None)
        if company:
            return company.gold_state(address)
        return state_of(address)

    @property
    def gold_interstate(self):
        "Whether the supplier bills from another state than the shop's"
        supplier, shop = self.gold_supplier_state, self.gold_shop_state
        return bool(supplier and shop and supplier != shop)

    @fields.depends('invoice_address', 'party', 'invoice_party',
        'warehouse', 'company', 'lines', methods=['on_change_lines'])
    def on_change_invoice_address(self):
        "The lines are taxed afresh for the state billed from"
        for line in self.lines or []:
            line.purchase = self
            if line.type == 'line':
                line.taxes = line.compute_taxes(
                    self.invoice_party or self.party)
        self.lines = self.lines
        self.on_change_lines()

    @classmethod
    def check_returns(cls, purchases):
        """A return to the supplier of a purchase (Tryton's Return
        Purchase) takes back at most what that purchase received, less
        what earlier returns took"""
        for purchase in purchases:
            origin = purchase.origin
            if not isinstance(origin, cls):
                continue
            returning = defaultdict(float)
            for line in purchase.lines:
                if line.type == 'line' and line.product and line.quantity < 0:
                    returning[line.product] += -line.quantity
            if not returning:
                continue
            received = origin.gold_received_quantities()
            returned = defaultdict(float)
            for other in cls.search([
                        ('origin', '=', str(origin)),
                        ('id', '!=', purchase.id),
                        ('state', 'not in', ['draft', 'cancelled']),
                        ]):
                for line in other.lines:
                    if (line.type == 'line' and line.product
                            and line.quantity < 0):
                        returned[line.product] += -line.quantity
            for product, quantity in returning.items():
                available = received.get(product, 0) - returned[product]
                if quantity > available:
                    raise PurchaseGoldError(gettext(
                            'gold_purchase.msg_return_above_received',
                            quantity='%g' % quantity,
                            product=product.rec_name,
                            purchase=origin.rec_name,
                            received='%g' % received.get(product, 0),
                            returned='%g' % returned[product]))

    def gold_received_quantities(self):
        "Return {product: quantity received} from the supplier, done moves"
        received = defaultdict(float)
        for line in self.lines:
            for move in getattr(line, 'moves', []):
                if (move.state == 'done'
                        and move.from_location.type == 'supplier'):
                    received[move.product] += move.quantity
        return received


_gold = Bool(Eval('gold_purity'))
_tagged = Eval('gold_sale_mode') == 'tagged'
_states = {
    'invisible': ~_gold,
    'readonly': Eval('purchase_state') != 'draft',
    }


class PurchaseLine(metaclass=PoolMeta):
    __name__ = 'purchase.line'

    gold_sale_mode = fields.Function(fields.Selection(
            'get_gold_sale_modes', "Sold"), 'on_change_with_gold_sale_mode')
    gold_purity = fields.Many2One(
        'gold.purity', "Purity", states=_states,
        help="The purity the supplier bills; the pieces received must "
        "have it.")
    gold_gross_weight = fields.Numeric(
        "Gross Weight", digits=WEIGHT,
        states={
            'invisible': ~_gold | ~_tagged,
            'required': _gold & _tagged,
            'readonly': _states['readonly'],
            },
        help="The total gross weight of the pieces on the supplier's "
        "document; what is received is checked against it.")
    gold_stone_weight = fields.Numeric(
        "Stone Weight", digits=WEIGHT,
        states={
            'invisible': ~_gold | ~_tagged,
            'readonly': _states['readonly'],
            })
    gold_fine_weight = fields.Function(fields.Numeric(
            "Fine Weight", digits=WEIGHT, states={'invisible': ~_gold}),
        'on_change_with_gold_fine_weight')
    gold_rate = fields.Numeric(
        "Rate per Gram", digits=MONEY,
        states={
            'invisible': ~_gold,
            'required': _gold,
            'readonly': _states['readonly'],
            },
        help="The supplier's rate per gram of the purity; the board's buy "
        "rate by default.")
    gold_making_mode = fields.Selection(
        [(k, v) for k, v in MAKING_MODES.items()], "Making",
        states=_states)
    gold_making_value = fields.Numeric(
        "Making Charge", digits=MONEY, states=_states)
    gold_wastage_mode = fields.Selection(
        [(k, v) for k, v in WASTAGE_MODES.items()], "Wastage",
        states=_states)
    gold_wastage_value = fields.Numeric(
        "Wastage", digits=MONEY, states=_states)
    gold_stone_value = fields.Numeric(
        "Stones Value", digits=MONEY, states=_states)

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls.unit_price.states = dict(cls.unit_price.states)
        cls.unit_price.states['readonly'] = (
            cls.unit_price.states.get('readonly', False) | _gold)

    @classmethod
    def default_gold_making_mode(cls):
        return 'per_gram_net'

    @classmethod
    def default_gold_wastage_mode(cls):
        return 'none'

    @classmethod
    def get_gold_sale_modes(cls):
        Template = Pool().get('product.template')
        return Template.fields_get(
            ['gold_sale_mode'])['gold_sale_mode']['selection']

    @fields.depends('product')
    def on_change_with_gold_sale_mode(self, name=None):
        if self.product:
            return self.product.gold_sale_mode

    @fields.depends(
        'purchase', '_parent_purchase.invoice_address',
        '_parent_purchase.party', '_parent_purchase.warehouse',
        '_parent_purchase.company')
    def compute_taxes(self, party):
        """Tryton's supplier taxes, through the inter-state tax rule when
        the supplier bills from another state than the shop's"""
        pool = Pool()
        Configuration = pool.get('purchase.configuration')
        Tax = pool.get('account.tax')
        taxes = super().compute_taxes(party)
        if (not taxes or not self.purchase
                or (party and party.supplier_tax_rule)
                or not self.purchase.gold_interstate):
            return taxes
        rule = Configuration(1).gold_interstate_tax_rule
        if not rule:
            raise PurchaseGoldError(gettext(
                    'gold_purchase.msg_interstate_tax_rule',
                    party=party.rec_name if party else '',
                    state=self.purchase.gold_supplier_state.rec_name,
                    shop=self.purchase.gold_shop_state.rec_name))
        pattern = self._get_tax_rule_pattern()
        ids = []
        for tax in Tax.browse(taxes):
            ids.extend(rule.apply(tax, pattern) or [])
        return list(dict.fromkeys(ids))

    @fields.depends('product', 'gold_purity', methods=['set_gold_rate'])
    def on_change_product(self):
        if self.product and self.product.gold_purity:
            self.gold_purity = self.product.gold_purity
            self.set_gold_rate()
        super().on_change_product()

    @fields.depends('gold_purity', methods=['set_gold_rate'])
    def on_change_gold_purity(self):
        self.set_gold_rate()

    @fields.depends('gold_purity', 'purchase', '_parent_purchase.company')
    def set_gold_rate(self):
        "The board's buy rate of the purity today, when the board has one"
        pool = Pool()
        Rate = pool.get('gold.rate')
        company = (self.purchase.company
            if self.purchase and self.purchase.company else None)
        self.gold_rate = None
        if self.gold_purity and company:
            rate = Rate.rates_at(
                [self.gold_purity], dt.datetime.now(), company)[
                self.gold_purity.id]
            if rate:
                self.gold_rate = rate.buy_rate

    @property
    @fields.depends('product')
    def gold_tagged(self):
        "Whether the line buys tagged pieces, counted by the piece"
        return bool(self.product and self.product.gold_sale_mode == 'tagged')

    @property
    @fields.depends('quantity', 'gold_gross_weight', methods=['gold_tagged'])
    def gold_weight(self):
        "The gross weight bought: the pieces' on the document, or grams"
        if self.gold_tagged:
            return self.gold_gross_weight
        if self.quantity is not None:
            # a return to the supplier has a negative quantity
            return grams(abs(self.quantity))

    @fields.depends(
        'gold_purity', 'gold_rate', 'gold_stone_weight', 'quantity',
        'gold_making_mode', 'gold_making_value', 'gold_wastage_mode',
        'gold_wastage_value', 'gold_stone_value',
        methods=['gold_weight', 'gold_tagged'])
    def gold_billed_input(self):
        """Return the pricing core's input of what the supplier billed on
        the line (its weights, purity, rate, making, wastage, stones), or
        None"""
        weight = self.gold_weight
        if not self.gold_purity or self.gold_rate is None or weight is None:
            return None
        pieces = int(abs(self.quantity or 0)) if self.gold_tagged else 1
        stones = ()
        if self.gold_stone_value:
            stones = (Stone(
                    pieces=1, rate=self.gold_stone_value, rate_per='piece'),)
        return PriceInput(
            gross_weight=weight,
            stone_weight=self.gold_stone_weight or Decimal(0),
            factor=self.gold_purity.factor,
            rate=self.gold_rate,
            making_mode=self.gold_making_mode or 'per_gram_net',
            making_value=self.gold_making_value or Decimal(0),
            wastage_mode=self.gold_wastage_mode or 'none',
            wastage_value=self.gold_wastage_value or Decimal(0),
            stones=stones,
            pieces=max(pieces, 1),
            )

    @fields.depends(methods=['gold_billed_input'])
    def gold_breakdown(self):
        "Return the pricing core's breakdown of the line, or None"
        price_input = self.gold_billed_input()
        if price_input is not None:
            return price_piece(price_input)

    @fields.depends(methods=['gold_breakdown'])
    def on_change_with_gold_fine_weight(self, name=None):
        try:
            breakdown = self.gold_breakdown()
        except PricingError:
            return None
        return breakdown.fine_weight if breakdown else None

    @fields.depends('quantity', 'unit_price', methods=['gold_breakdown'])
    def compute_unit_price(self):
        "A gold line's unit price is the pricing core's value per unit"
        try:
            breakdown = self.gold_breakdown()
        except PricingError:
            breakdown = None
        if breakdown is None or not self.quantity:
            return super().compute_unit_price()
        return self.gold_unit_price(breakdown)

    @fields.depends('quantity')
    def gold_unit_price(self, breakdown):
        "The unit price of the pricing core's breakdown of the line"
        return round_price(breakdown.taxable / grams(abs(self.quantity)))

    @fields.depends(methods=['on_change_quantity', 'on_change_with_amount'])
    def on_change_gold_gross_weight(self):
        self.on_change_quantity()
        self.amount = self.on_change_with_amount()

    on_change_gold_stone_weight = on_change_gold_gross_weight
    on_change_gold_rate = on_change_gold_gross_weight
    on_change_gold_making_mode = on_change_gold_gross_weight
    on_change_gold_making_value = on_change_gold_gross_weight
    on_change_gold_wastage_mode = on_change_gold_gross_weight
    on_change_gold_wastage_value = on_change_gold_gross_weight
    on_change_gold_stone_value = on_change_gold_gross_weight

    @classmethod
    def validate_fields(cls, lines, field_names):
        super().validate_fields(lines, field_names)
        cls.check_gold_prices(lines)

    @property
    def gold_name(self):
        return self.product.rec_name if self.product else self.rec_name

    @classmethod
    def check_gold_prices(cls, lines):
        """A gold line is priced by the pricing core from its weights and
        rate, and its purity is the product's metal"""
        for line in lines:
            if not line.gold_purity or line.type != 'line':
                continue
            if (line.product and line.product.gold_metal
                    and line.gold_purity.metal != line.product.gold_metal):
                raise PurchaseGoldError(gettext(
                        'gold_purchase.msg_purity_metal',
                        line=line.gold_name, purity=line.gold_purity.rec_name,
                        metal=line.product.gold_metal.rec_name))
            if line.purchase.state != 'draft':
                continue
            try:
                breakdown = line.gold_breakdown()
            except PricingError as e:
                raise PurchaseGoldError(gettext(
                        'gold_purchase.msg_line_pricing',
                        line=line.gold_name, error=e)) from e
            if breakdown is None or not line.quantity:
                continue
            price = line.gold_unit_price(breakdown)
            if price != line.unit_price:
                raise PurchaseGoldError(gettext(
                        'gold_purchase.msg_line_price',
                        line=line.gold_name, price=price,
                        unit_price=line.unit_price))
